# syntax=docker/dockerfile:1
# Atlas Sharing server image: `docker build -t atlas-sharing .`, then see README "Deploying".
# The build steps live in scripts/image-build.sh, which CI runs on the machine itself (test/server/image.test.ts).

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles its native module when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN sh scripts/image-build.sh /src /app

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
  ATLAS_HOST=0.0.0.0 \
  ATLAS_PORT=8080 \
  ATLAS_DB=/data/atlas.db \
  ATLAS_SECRETS_FILE=/data/atlas-secrets.json
WORKDIR /app
# The code belongs to root and is read-only for the server's user; only /data is writable.
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
# The SQLite database and the generated link secrets (keep this volume: losing the secrets breaks every link).
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "server/dist/main.js"]
