-- The floor of the projection: one statement writing one row per ReadingRecorded (schema version 2)
-- into a 14-column readings table with no index, straight from the events table. The real read model
-- also keeps versions, quality methods, reason codes, B2B details and the indexes its queries need.
CREATE TABLE floor_reads (
  file_id text NOT NULL,
  line integer NOT NULL,
  nmi text NOT NULL,
  nmi_suffix text NOT NULL,
  register_id text NOT NULL,
  meter_serial_number text NOT NULL,
  direction text NOT NULL,
  previous_read text NOT NULL,
  previous_read_at timestamptz NOT NULL,
  current_read text NOT NULL,
  current_read_at timestamptz NOT NULL,
  current_quality text NOT NULL,
  quantity text NOT NULL,
  uom text NOT NULL
);
INSERT INTO floor_reads
SELECT substr(s.stream_name, 11), (e.metadata->>'sourceLine')::int,
  f->>0, f->>3, f->>2, f->>5, f->>6,
  f->>7, to_timestamp((f->>8) || ' +10', 'YYYYMMDDHH24MISS TZH'),
  f->>12, to_timestamp((f->>13) || ' +10', 'YYYYMMDDHH24MISS TZH'),
  f->>14, f->>17, f->>18
FROM nem_events e JOIN nem_streams s USING (stream_id) CROSS JOIN LATERAL (SELECT e.data->'fields' AS f) fields
WHERE e.event_type = 'ReadingRecorded';
