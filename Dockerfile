# syntax=docker/dockerfile:1
# Build: compile TypeScript (and the admin UI) with the dev dependencies, then keep only what runs.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY ui ./ui
RUN npm run build && npm prune --omit=dev

# Run: non-root, data and landing folder as volumes.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    NEM_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root samples ./samples
RUN mkdir -p /data /inbox && chown node:node /data /inbox
USER node
VOLUME ["/data", "/inbox"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=8", "dist/src/cli/bin.js", "serve", "--host", "0.0.0.0", "--port", "3000", "--inbox", "/inbox"]
