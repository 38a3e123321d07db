-- What makes the floor's readings searchable: the indexes search reads, by NMI and by serial in any
-- case, each newest first (as reads_nmi and reads_serial of the read model), built after the rows.
CREATE INDEX floor_reads_nmi ON floor_reads (nmi, current_read_at DESC);
CREATE INDEX floor_reads_serial ON floor_reads (upper(meter_serial_number), current_read_at DESC);
