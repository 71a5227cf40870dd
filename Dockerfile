# syntax=docker/dockerfile:1
# A small image of briefbot that runs `briefbot serve`: a static binary on distroless, run
# as a non-root user. Time zone data is compiled into the binary (time/tzdata), so
# scheduled briefings can use any zone without files from the image.
#
#   docker build -t briefbot .
#   docker run --rm -p 127.0.0.1:9090:9090 -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN briefbot
#
# The image holds config.example.yaml as /etc/briefbot/config.yaml (Slack over Socket
# Mode, the embedded articles), with one change: the admin listener (/healthz, /readyz,
# /metrics) binds every interface of the container, port 9090, since the container's
# loopback is out of reach of probes and Prometheus. Publish 9090 only to them. Mount your
# own file at /etc/briefbot/config.yaml to change anything. Secrets come from the
# environment only.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/briefbot ./cmd/briefbot
RUN sed 's/^  addr: "127.0.0.1:9090"$/  addr: ":9090"/' config.example.yaml > /out/config.yaml && \
    grep -q '^  addr: ":9090"$' /out/config.yaml

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/briefbot /usr/local/bin/briefbot
COPY --from=build /out/config.yaml /etc/briefbot/config.yaml
USER nonroot:nonroot
# 9090: /healthz, /readyz and /metrics (admin.addr), for probes and Prometheus only.
# 8080: Slack's commands in HTTP mode (http.addr), the one port for the internet.
EXPOSE 9090 8080
ENTRYPOINT ["/usr/local/bin/briefbot"]
CMD ["--log-level", "info", "--log-format", "json", "serve", "--config", "/etc/briefbot/config.yaml"]
