# syntax=docker/dockerfile:1
# A small image of briefbot that runs `briefbot serve`: a static binary on distroless, run
# as a non-root user. Time zone data is compiled into the binary (time/tzdata), so
# scheduled briefings can use any zone without files from the image.
#
#   docker build -t briefbot .
#   docker run --rm -p 8080:8080 -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN briefbot
#
# The image holds config.example.yaml as /etc/briefbot/config.yaml (Slack over Socket
# Mode, the embedded articles); mount your own file there to change it. Secrets come
# from the environment only.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/briefbot ./cmd/briefbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/briefbot /usr/local/bin/briefbot
COPY config.example.yaml /etc/briefbot/config.yaml
USER nonroot:nonroot
# /healthz, /readyz and /metrics, and Slack's commands in HTTP mode (http.addr).
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/briefbot"]
CMD ["--log-level", "info", "--log-format", "json", "serve", "--config", "/etc/briefbot/config.yaml"]
