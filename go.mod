module github.com/briefbot/briefbot

go 1.26.0

require (
	github.com/gorilla/websocket v1.5.3
	github.com/kljensen/snowball v0.10.0
	github.com/slack-go/slack v0.35.0
	golang.org/x/text v0.43.0
)

require go.yaml.in/yaml/v3 v3.0.6 // indirect
