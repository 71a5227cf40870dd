# syntax=docker/dockerfile:1
# A small image of briefbot: a static binary on distroless, run as a non-root user. Time
# zone data is compiled into the binary (time/tzdata), so scheduled briefings can use any
# zone without files from the image.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/briefbot ./cmd/briefbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/briefbot /usr/local/bin/briefbot
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/briefbot"]
CMD ["brief"]
