module github.com/copydesk/copydesk

go 1.26.8

require (
	github.com/yuin/goldmark v1.8.7
	golang.org/x/text v0.44.0
)
