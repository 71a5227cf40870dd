module github.com/briefbot/briefbot

go 1.26.0

require (
	github.com/kljensen/snowball v0.10.0
	golang.org/x/text v0.43.0
)
