# The Schwarm server image: the API binary plus the built SPA, which it serves at `/`.
#   docker build -t schwarm .
#   docker run -p 8080:8080 -e JWT_SECRET=$(openssl rand -hex 32) -v schwarm-data:/var/lib/schwarm schwarm
# Without DATABASE_URL it runs on embedded SQLite in /var/lib/schwarm; see docker-compose.yml for
# PostgreSQL with several replicas.

FROM node:20-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY openapi.yaml /src/openapi.yaml
COPY frontend/ ./
RUN npm run build

FROM rust:1.95-bookworm AS server
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
# The bundled SQLite's compile options (LIBSQLITE3_FLAGS; README, Architecture).
COPY .cargo .cargo
COPY api api
COPY tests tests
# With S3 support, so replicas can share a bucket for media (MEDIA_STORE=s3://...).
RUN cargo build --release --locked -p schwarm-api --bin schwarm --features s3

FROM debian:bookworm-slim
# libssl: the bundled libpq uses the system's OpenSSL for TLS to PostgreSQL.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates libssl3 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/lib/schwarm schwarm \
    && mkdir -p /var/lib/schwarm \
    && chown schwarm /var/lib/schwarm
COPY --from=server /src/target/release/schwarm /usr/local/bin/schwarm
COPY --from=spa /src/frontend/dist /srv/schwarm/spa
# MIMALLOC_PURGE_DELAY=0: the allocator hands freed memory back at once rather than after a
# second of further activity, so an idle replica shrinks back after a burst (README, Performance).
# MIMALLOC_ALLOW_THP=0: no transparent huge pages for the server even on hosts that give them to
# every process (THP "always"); the binary already never asks for them.
ENV BIND_ADDR=0.0.0.0:8080 \
    DATA_DIR=/var/lib/schwarm \
    STATIC_DIR=/srv/schwarm/spa \
    MIMALLOC_PURGE_DELAY=0 \
    MIMALLOC_ALLOW_THP=0
USER schwarm
VOLUME /var/lib/schwarm
EXPOSE 8080
# SIGTERM stops the server gracefully: in-flight requests finish (SHUTDOWN_TIMEOUT_SECS).
STOPSIGNAL SIGTERM
CMD ["schwarm"]
