# syntax=docker/dockerfile:1
# Build: scripts/build-runtime.sh does every step (install from the lockfile, build, prune the dev
# dependencies, gather what runs into /runtime) and the runtime stage copies that folder whole. CI has
# no Docker engine, so test/production-image.e2e.test.ts runs the same script on a copy of the context
# and starts the folder with this file's ENV, CMD and HEALTHCHECK: what CI starts is what this image
# holds. Keep the build one `COPY . .` and one script run, and the runtime stage one COPY of /runtime;
# that test reads this file and fails if either changes shape.
FROM node:24-bookworm-slim AS build
WORKDIR /build
COPY . .
# The npm cache outlives the build, so the install that every source change repeats stays quick.
RUN --mount=type=cache,target=/root/.npm sh scripts/build-runtime.sh /runtime

# Run: non-root, data and landing folder as volumes.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    NEM_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /runtime ./
RUN mkdir -p /data /inbox && chown node:node /data /inbox
USER node
VOLUME ["/data", "/inbox"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=8", "dist/src/cli/bin.js", "serve", "--host", "0.0.0.0", "--port", "3000", "--inbox", "/inbox"]
