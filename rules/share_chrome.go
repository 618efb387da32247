package rules

import (
	"strings"

	"github.com/copydesk/copydesk/rules/article"
)

type shareChrome struct{}

func (shareChrome) Meta() Meta {
	return Meta{
		Name:     "share-chrome",
		Category: Residue,
		Severity: Warning,
		Default:  true,
		Summary:  "Page furniture left in the copy: share bars, subscribe prompts, Advertisement, cookie notices, read times, comment counts, copyright and lone photo credits",
		Doc: `A web page wraps the story in furniture: share buttons ("Share this
article", "Facebook Twitter Email Print"), newsletter and subscription
prompts ("Click here to subscribe", "Sign up for our newsletter"),
"Advertisement" markers, cookie notices, "Skip to content" links, read
times ("5 min read"), comment counts ("Comments (0)"), the site's copyright
line, and photo credits ("Image: Getty") that lost their picture. When copy
is pasted, exported or scraped, the furniture comes along and readers see
it in the middle of the story.

Social plugs ("Follow us on Twitter", "Follow Maria on Twitter @maria"),
share counts ("1.7M shares Share on Facebook") and image-viewer labels
("View full size image") are furniture too.

The rule looks only at whole lines: a line must consist of the furniture
and nothing else, so a sentence that mentions Facebook, a subscription or a
copyright case is left alone, and so are real captions. A network name
alone on a line ("Facebook") counts only beside a share bar, since it may
be a subheading. Delete the line.`,
		Examples: []Example{
			{Text: "Port strike ends\n\nShare this article\n\nDock workers returned to work.", Fires: true},
			{Text: "Port strike ends\n\nFacebook Twitter Email Print\n\nDock workers returned to work.", Fires: true},
			{Text: "Port strike ends\n\nDock workers returned to work.\n\nAdvertisement\n\nThe union said the deal was fair.", Fires: true},
			{Text: "Port strike ends\n\n5 min read\n\nDock workers returned to work.", Fires: true},
			{Text: "Port strike ends\n\nDock workers returned to work.\n\nImage: Getty Images", Fires: true},
			{Text: "Port strike ends\n\nThe union shared the offer on Facebook and Twitter before the vote.", Fires: false},
			{Text: "Port strike ends\n\nSign up was slow, the union said.", Fires: false},
			{Text: "Record label wins case\n\nCopyright holders said the ruling would protect musicians.", Fires: false},
		},
	}
}

func (shareChrome) Check(doc *article.Document) []Diagnostic {
	lines := docLines(doc)
	msgs := make([]string, len(lines))
	lone := false
	for i, l := range lines {
		text := l.text(doc)
		if quickWords(text, 12) > 12 && (!longChromeSignal(text) || quickWords(text, 60) > 60) {
			continue
		}
		msgs[i] = chromeLine(text, doc.Blocks[l.block].Kind)
		lone = lone || msgs[i] == "" && loneSocial(doc, l)
	}
	if lone {
		// A network name alone on a line is a share button when it sits
		// next to a share bar or other buttons: "Share this:", "Facebook",
		// "Twitter", "Email" on lines of their own.
		for pass := 0; pass < 2; pass++ {
			for k := range lines {
				i := k
				if pass == 1 {
					i = len(lines) - 1 - k
				}
				if msgs[i] != "" || !loneSocial(doc, lines[i]) {
					continue
				}
				if i > 0 && msgs[i-1] == shareBarMsg || i+1 < len(lines) && msgs[i+1] == shareBarMsg {
					msgs[i] = shareBarMsg
				}
			}
		}
	}
	var out []Diagnostic
	for i, m := range msgs {
		if m != "" {
			s, e := lines[i].srcRange(doc)
			out = append(out, Diagnostic{Start: s, End: e, Message: m})
		}
	}
	return out
}

const shareBarMsg = "share bar left in the copy: delete the line"

// loneSocial reports a line that is one share word ("Facebook", "Email"),
// not a heading.
func loneSocial(doc *article.Document, l textLine) bool {
	text := l.text(doc)
	if len(text) > 20 {
		return false
	}
	switch doc.Blocks[l.block].Kind {
	case article.Heading, article.Headline:
		return false
	}
	key, n := lineKey(text)
	return n == 1 && socialWords[key] || n == 2 && key == "google plus"
}

var (
	// shareLabels are whole lines (in lineKey form) that label share buttons.
	shareLabels = splitSet("share|share this|share this article|share this story|share this page|share this post|share article|share story|"+
		"share the story|share this content|share this video|share this link|share on facebook|share on twitter|share on whatsapp|share on linkedin|"+
		"share via email|share by email|share on social media|share with friends|tweet this|tweet|pin it|email this article|email this story|"+
		"print this article|print this page|print this story|email a friend|send to a friend|copy link|copy article link|share page|"+
		"shares|share or comment on this article|share full article|share this article on|share this with", "|")
	// socialWords make up a share bar; socialNetworks are the ones that name
	// a network.
	socialWords    = splitSet("facebook twitter x email e mail print whatsapp linkedin pinterest reddit messenger flipboard telegram tumblr sms share tweet pin copy link comment comments google instagram youtube threads bluesky mastodon more", " ")
	socialNetworks = splitSet("facebook twitter whatsapp linkedin pinterest reddit messenger flipboard telegram tumblr instagram bluesky mastodon", " ")
	adLabels       = splitSet("advertisement|advert|ad|ads|sponsored|sponsored content|paid content|promoted content|partner content|"+
		"story continues below advertisement|article continues below advertisement|continue reading below|article continues below|"+
		"story continues below|scroll to continue with content|continue reading the main story|advertisement continue reading below|"+
		"continue reading below advertisement|ad feedback|skip advert|advertisement scroll to continue|report this ad|"+
		"skip to content|skip to main content|skip navigation|skip to navigation|jump to content|skip to footer|skip to search|skip to article", "|")
	commentLabels = splitSet("comments|comment|leave a comment|add a comment|post a comment|view comments|show comments|read comments|"+
		"no comments|no comments yet|be the first to comment|join the conversation|comment on this story|comment on this article|"+
		"view all comments|load comments|see all comments|add your comment|have your say|"+
		"have something to add to this story share it in the comments|share your thoughts in the comments|tell us what you think in the comments", "|")
	creditKeys = splitSet("getty|getty images|afp|afp getty images|afp via getty images|reuters|ap|ap photo|pa|pa media|pa wire|epa|shutterstock|alamy|istock|istockphoto|"+
		"getty images istockphoto|bloomberg via getty images|associated press", "|")
	creditLabels = splitSet("image|images|photo|photos|picture|pictures|photograph|photography|credit|image credit|photo credit|picture credit|"+
		"photo illustration|illustration|photos by|photo by|image by|picture by|video", "|")
)

// longChromeSignal is the cheap test for lines of more than twelve words:
// only subscription and comment prompts, cookie notices and copyright lines
// run that long, and each starts in a known way or ends "All rights
// reserved".
func longChromeSignal(text string) bool {
	// strings.TrimRight(text, ". "), without making its set of two bytes
	// for every line.
	t := text
	for len(t) > 0 && (t[len(t)-1] == '.' || t[len(t)-1] == ' ') {
		t = t[:len(t)-1]
	}
	if len(t) >= 8 && hasPrefixFold(t[len(t)-8:], "reserved") || strings.HasPrefix(text, "©") {
		return true
	}
	if len(text) < 2 {
		return false
	}
	// Only the starts that share the line's first letter are tried.
	for _, p := range longChromeStarts[foldASCII(text[0])] {
		if hasPrefixFold(text, p) {
			return true
		}
	}
	return false
}

// longChromeStarts holds the starts of long chrome lines (see
// longChromeSignal) by their first byte, all of them lower-case ASCII.
var longChromeStarts = func() (t [256][]string) {
	starts := append([]string{"(c)", "copyright", "have something to add", "share your thoughts", "tell us what you think"}, subscribeStarts...)
	for _, p := range append(starts, cookieStarts...) {
		t[p[0]] = append(t[p[0]], p)
	}
	return t
}()

// foldASCII lower-cases an ASCII capital letter, as hasPrefixFold does.
func foldASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// chromeLine reports what page furniture the line is, as a message, or "".
func chromeLine(line string, kind article.Kind) string {
	key, n := lineKey(line)
	if n == 0 || n > 60 {
		return ""
	}
	var buf [60]string // the words, on the stack
	ws := appendKeyWords(buf[:0], key)
	switch {
	case shareLabels[key] || n <= 12 && isShareBar(ws) || n <= 6 && shareCount(ws):
		return shareBarMsg
	case adLabels[key]:
		return "page furniture (" + quoteShort(line) + ") left in the copy: delete the line"
	case n <= 30 && isSubscribePrompt(key, ws):
		return "subscription or newsletter prompt left in the copy: delete the line"
	case isCookieNotice(key, ws):
		return "cookie notice left in the copy: delete the line"
	case n <= 12 && isReadTime(ws):
		return "reading-time label left in the copy: delete the line"
	case commentLabels[key], n <= 6 && isCommentCount(key, ws), n <= 16 && len(ws) > 3 && ws[2] == "on" && !lineEndsSentence(line) && isCommentCount(key, ws):
		return "comment count or prompt left in the copy: delete the line"
	case n <= 30 && isCopyrightLine(line, key, ws):
		return "copyright line inside the story: delete it (the site's footer carries it)"
	case kind != article.Caption && n <= 8 && isLoneCredit(line, key, ws):
		return "photo credit alone on a line, without its picture: delete it or restore the caption"
	case n <= 12 && (strings.HasPrefix(key, "follow us on ") || strings.HasPrefix(key, "like us on ") || strings.HasPrefix(key, "connect with us on ")),
		n <= 8 && followBar(line, ws), n <= 10 && !lineEndsSentence(line) && followOn(ws):
		return "social media prompt left in the copy: delete the line"
	case n <= 12 && strings.HasSuffix(key, "view full size image") || imageLabels[key]:
		return "image viewer label left in the copy: delete it"
	}
	return ""
}

func quoteShort(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return `"` + s + `"`
}

// isShareBar: a line of two or more share words, naming at least one
// network (or email and print together). A lone network name may be a
// subheading ("Twitter" over a section about the company).
func isShareBar(ws []string) bool {
	networks, email, print, share, other := 0, false, false, false, false
	for _, w := range ws {
		switch w {
		case "this", "on", "via", "with":
			continue // "Share this: Share", "Share on Facebook"
		case "share":
			share = true
			continue
		}
		if !socialWords[w] {
			return false
		}
		other = true
		if socialNetworks[w] {
			networks++
		}
		email = email || w == "email" || w == "mail"
		print = print || w == "print"
	}
	return len(ws) > 1 && (networks > 0 || email && print || share && !other && ws[0] == "share")
}

var subscribeStarts = []string{"click here to subscribe", "subscribe to", "subscribe now", "subscribe today", "subscribe for", "sign up for", "sign up to",
	"sign up now", "sign up today", "sign up here", "get our", "join our", "enter your email", "get the latest", "never miss", "dont miss out",
	"want more", "like this story", "get breaking news", "already a subscriber", "become a subscriber", "subscribe", "newsletter",
	"for the full story", "to read the full story", "to continue reading", "from our editors to your inbox"}

// subscribeStartsBy holds subscribeStarts by their first byte: a key is
// compared with the starts that share its first byte only.
var subscribeStartsBy = func() (t [256][]string) {
	for _, p := range subscribeStarts {
		t[p[0]] = append(t[p[0]], p)
	}
	return t
}()

// isSubscribePrompt: a line that starts with a subscription call and is
// about newsletters, subscriptions or inboxes.
func isSubscribePrompt(key string, ws []string) bool {
	if key == "subscribe" || key == "newsletter" || key == "sign up" || key == "subscribe now" || key == "sign up now" {
		return true
	}
	if strings.Contains(key, "our newsletter") || len(ws) <= 10 && strings.Contains(key, "your email address") {
		return true
	}
	if key == "" {
		return false
	}
	start := false
	for _, p := range subscribeStartsBy[key[0]] {
		if hasWordPrefix(key, p) {
			start = true
			break
		}
	}
	if !start {
		return false
	}
	for _, w := range ws {
		switch w {
		case "newsletter", "newsletters", "subscribe", "subscriber", "subscribers", "subscription", "inbox", "email", "emails", "alerts":
			return true
		}
	}
	return false
}

var cookieStarts = []string{"we use cookies", "this site uses cookies", "this website uses cookies", "our site uses cookies", "we and our partners use cookies",
	"by continuing to use", "by using this site", "by using our site", "by using this website", "accept cookies", "accept all cookies", "cookie policy",
	"cookie settings", "manage cookies", "cookies help us", "we use cookies and similar"}

func isCookieNotice(key string, ws []string) bool {
	hasCookie := false
	for _, w := range ws {
		if w == "cookie" || w == "cookies" {
			hasCookie = true
			break
		}
	}
	if !hasCookie {
		return false
	}
	for _, p := range cookieStarts {
		if hasWordPrefix(key, p) {
			return true
		}
	}
	return false
}

// isReadTime: "5 min read", "3-minute read", "Reading time: 4 minutes",
// possibly beside a date.
func isReadTime(ws []string) bool {
	for i, w := range ws {
		if !isDigits(w) || i+1 >= len(ws) {
			continue
		}
		switch ws[i+1] {
		case "min", "mins", "minute", "minutes":
		default:
			continue
		}
		if i+2 < len(ws) && ws[i+2] == "read" {
			return true
		}
		if i >= 2 && (ws[i-2] == "reading" || ws[i-2] == "read") && ws[i-1] == "time" {
			return true
		}
	}
	return false
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isDigitByte(w[i]) {
			return false
		}
	}
	return w != ""
}

// isCommentCount: "Comments (0)", "12 comments", "Leave a comment".
func isCommentCount(key string, ws []string) bool {
	if commentLabels[key] {
		return true
	}
	switch len(ws) {
	case 2:
		return isDigits(ws[0]) && (ws[1] == "comments" || ws[1] == "comment" || ws[1] == "responses" || ws[1] == "replies") ||
			ws[0] == "comments" && isDigits(ws[1])
	case 3: // "Comments (5 posted)"
		return ws[0] == "comments" && isDigits(ws[1]) && ws[2] == "posted"
	}
	// "2 comments on “These Weeks in Firefox”"
	return len(ws) > 3 && isDigits(ws[0]) && (ws[1] == "comments" || ws[1] == "comment" || ws[1] == "responses" || ws[1] == "replies") && ws[2] == "on"
}

// isCopyrightLine: "© 2024 Example Media", "Copyright 2005 Reuters", a
// short line that says "All rights reserved".
func isCopyrightLine(line, key string, ws []string) bool {
	l := strings.TrimSpace(line)
	if strings.HasPrefix(l, "©") || strings.HasPrefix(l, "(c) ") || strings.HasPrefix(l, "(C) ") {
		return len(ws) >= 1 && !lineEndsSentence(l) || strings.Contains(key, "all rights reserved")
	}
	if strings.Contains(key, "all rights reserved") {
		return true
	}
	if len(ws) >= 2 && ws[0] == "copyright" {
		return strings.HasPrefix(strings.TrimSpace(l[len("copyright"):]), "©") || isYear(ws[1]) || ws[1] == "c" && len(ws) > 2 && isYear(ws[2])
	}
	return false
}

func isYear(w string) bool {
	return len(w) == 4 && isDigits(w) && (w[0] == '1' && w[1] == '9' || w[0] == '2' && w[1] == '0')
}

// isLoneCredit: "Image: Getty", "Photo: AP", "Getty Images", "(Reuters)",
// "JIM WATSON/AFP/Getty Images".
func isLoneCredit(line, key string, ws []string) bool {
	if creditKeys[key] {
		return true
	}
	l := strings.TrimSpace(line)
	if lineEndsSentence(l) {
		return false
	}
	// Photographer / agency.
	if strings.Contains(l, "/") && len(ws) >= 2 {
		last := ws[len(ws)-1]
		if len(ws) >= 2 && ws[len(ws)-2] == "getty" && last == "images" || creditKeys[last] && last != "pa" && last != "ap" {
			return true
		}
	}
	colon := strings.IndexAny(l, ":")
	if colon > 0 {
		label, _ := lineKey(l[:colon])
		rest, rn := lineKey(l[colon+1:])
		return creditLabels[label] && rn > 0 && rn <= 5 && creditSource(rest)
	}
	return false
}

// imageLabels are the labels of image viewers and galleries.
var imageLabels = splitSet("view full size image|view larger image|enlarge this image|click to enlarge|enlarge image|view gallery|view slideshow|expand image", "|")

// shareCount: "1.7Mshares Share on Facebook", "16 shares".
func shareCount(ws []string) bool {
	shares := false
	for _, w := range ws {
		switch {
		case isDigits(w), w == "k", w == "m":
		case strings.HasSuffix(w, "shares") && (w == "shares" || isDigitByte(w[0])):
			shares = true
		case w == "share" || w == "on" || socialNetworks[w]:
		default:
			return false
		}
	}
	return shares
}

// followOn: "Follow Datoc on Twitter", "Follow Lucia Suarez on Twitter
// @lucia": a plug for an account, ending on the network (and handle).
func followOn(ws []string) bool {
	if len(ws) < 4 || ws[0] != "follow" {
		return false
	}
	for i := 2; i < len(ws); i++ {
		if ws[i-1] == "on" && socialNetworks[ws[i]] || ws[i-1] == "on" && (ws[i] == "x" || ws[i] == "threads" || ws[i] == "tiktok") {
			return len(ws)-i <= 2 // the network, maybe a handle
		}
	}
	return false
}

// followBar: "Follow Backchannel: Twitter | Facebook", a label and network
// names.
func followBar(line string, ws []string) bool {
	if len(ws) < 3 || ws[0] != "follow" {
		return false
	}
	colon := strings.IndexByte(line, ':')
	if colon < 0 {
		return false
	}
	rest, _ := lineKey(line[colon+1:])
	rws := strings.Fields(rest)
	if len(rws) == 0 {
		return false
	}
	for _, w := range rws {
		if !socialWords[w] {
			return false
		}
	}
	return true
}

// creditSource reports whether a credit names an agency or says "Getty",
// "via", "courtesy" or "/": a credit, not a label such as "Video: how the
// vote went".
func creditSource(rest string) bool {
	for _, w := range strings.Fields(rest) {
		switch w {
		case "getty", "images", "afp", "reuters", "ap", "pa", "epa", "shutterstock", "alamy", "istock", "istockphoto", "courtesy", "via",
			"handout", "supplied", "press", "photo", "photos", "file", "staff", "photographer":
			return true
		}
	}
	return false
}
