# syntax=docker/dockerfile:1
#
# citebot in a container: a static binary on a distroless, non-root image.
#   docker build -t citebot .
#   docker run --rm citebot ask "What did Lavrov say about the INF treaty?"
#   docker run -d --env-file .env -p 127.0.0.1:8080:8080 -v citebot-library:/data citebot
# or deploy/docker-compose.yml, which does the last line with hardening.
#
# .ci/run builds the binary with the same command as below and checks that
# it is static and runs as an unprivileged user in a read-only directory
# with environment configuration only, which is all this image gives it.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so a code change does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/citebot . \
 && mkdir -p /out/data \
 && cp seeds/* /out/data/

# static: no libc, no shell, no package manager; ca-certificates and tzdata
# for HTTPS to Discord. The :nonroot variant runs as uid/gid 65532.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/citebot /citebot
# The library. A new named volume mounted here starts as a copy of this
# folder: the built-in articles, which moderators then add to.
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV CONTENT_DIR=/data \
    HTTP_ADDR=:8080
# /healthz and /metrics.
EXPOSE 8080
VOLUME ["/data"]
# The image has no curl: the binary probes its own /healthz (exit 0 or 1).
# Orchestrators use their own probes on /healthz instead (deploy/k8s).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/citebot", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/citebot"]
