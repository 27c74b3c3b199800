// Package fetch brings an article in from outside for "add from URL" and
// for uploaded files, safely: with a timeout, a size cap and a redirect
// limit, refusing addresses inside the network unless allowed, and accepting
// only UTF-8 text, Markdown and HTML. HTML pages go through a readability
// extractor so only the article (title, byline, date, text) is kept.
//
// Every refusal is an *Error whose message a moderator can act on; nothing
// here writes anywhere.
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
)

// Kind names why a fetch was refused, so callers and tests can tell the
// failures apart without matching text.
type Kind string

// The reasons a fetch can fail.
const (
	TooBig      Kind = "too big"
	WrongType   Kind = "wrong type"
	NotUTF8     Kind = "not UTF-8"
	Empty       Kind = "empty article"
	NoBody      Kind = "no article body"
	Timeout     Kind = "timeout"
	TooManyHops Kind = "too many redirects"
	HTTPStatus  Kind = "HTTP error"
	NotText     Kind = "not text"
	Forbidden   Kind = "address not allowed"
	BadURL      Kind = "bad URL"
	Unreachable Kind = "unreachable"
)

// Error is a refused fetch. Its message is meant for the moderator.
type Error struct {
	Kind Kind
	Msg  string
}

// Error returns the message for the moderator.
func (e *Error) Error() string { return e.Msg }

func fail(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Msg: fmt.Sprintf(format, args...)}
}

// KindOf returns the Kind of err, or "" when err is not a refusal.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return ""
}

// Config sets the limits of a Fetcher.
type Config struct {
	// MaxBytes caps the size of a page or file; zero means 2 MiB.
	MaxBytes int64
	// Timeout bounds a whole fetch, redirects included; zero means 15 s.
	Timeout time.Duration
	// MaxRedirects bounds how many redirects are followed; zero means 5.
	MaxRedirects int
	// AllowPrivate lets URLs reach loopback, private, link-local and
	// unspecified addresses (tests, intranets).
	AllowPrivate bool
	// AttachmentHosts are the hosts uploaded files may come from (Discord's
	// CDN, or the test server). An attachment URL on any other host is
	// refused; the address check does not apply to these hosts, because the
	// URL comes from Discord, not from the user.
	AttachmentHosts []string
	// UserAgent is sent with every request.
	UserAgent string
}

// Fetcher fetches pages and attachments. It is safe for concurrent use.
type Fetcher struct {
	cfg    Config
	web    *http.Client
	attach *http.Client
}

// New returns a Fetcher with cfg's limits.
func New(cfg Config) *Fetcher {
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 2 << 20
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 15 * time.Second
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = 5
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "citebot (+https://github.com/citebot/citebot)"
	}
	f := &Fetcher{cfg: cfg}
	f.web = f.client(!cfg.AllowPrivate)
	f.attach = f.client(false)
	return f
}

// client builds an HTTP client that, when guard is set, refuses to connect
// to addresses inside the network. The check runs at dial time on the
// address actually dialled, so a host name that resolves (or re-resolves)
// to such an address is caught too. No proxy is used: a proxy would make
// the dialled address meaningless.
func (f *Fetcher) client(guard bool) *http.Client {
	d := &net.Dialer{Timeout: f.cfg.Timeout}
	if guard {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			ip, err := netip.ParseAddr(host)
			if err != nil {
				return &Error{Kind: Forbidden, Msg: "cannot check the address " + host}
			}
			if blocked(ip) {
				return &Error{Kind: Forbidden, Msg: fmt.Sprintf("refusing to fetch from %s: it is a loopback, private or link-local address", ip)}
			}
			return nil
		}
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   f.cfg.Timeout,
		ResponseHeaderTimeout: f.cfg.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   f.cfg.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > f.cfg.MaxRedirects {
				return fail(TooManyHops, "the address redirected more than %d times", f.cfg.MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fail(BadURL, "the address redirected to a %s: link; only http and https are fetched", req.URL.Scheme)
			}
			return nil
		},
	}
}

// extra ranges refused besides what netip classifies: carrier-grade NAT,
// "this network", benchmarking, reserved, and IPv6 unique-local via
// IsPrivate already.
var extra = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
}

// blocked reports whether ip is an address a public URL must not reach.
func blocked(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() || !ip.IsValid() {
		return true
	}
	for _, p := range extra {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// Document is an article fetched and turned into text, ready to preview and
// save.
type Document struct {
	// Name is a file-name hint: the upload's name, or the URL's last path
	// segment; only its extension is used when saving.
	Name string
	// Title, Byline, Publisher and Published are what could be found;
	// empty when unknown.
	Title, Byline, Publisher, Published string
	// URL is where the article came from (after redirects); empty for
	// uploads.
	URL string
	// Text is the article's text, paragraphs separated by blank lines.
	Text string
}

// URL fetches a web page or text file and extracts its article.
func (f *Fetcher) URL(ctx context.Context, raw string) (Document, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return Document{}, fail(BadURL, "%q is not a web address", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return Document{}, fail(BadURL, "only http and https addresses can be fetched, not %q", u.Scheme)
	}
	if u.User != nil {
		return Document{}, fail(BadURL, "addresses with a user name or password are not fetched")
	}
	body, final, ctype, err := f.get(ctx, f.web, u.String())
	if err != nil {
		return Document{}, err
	}
	name := path.Base(final.Path)
	kind, err := textType(ctype, name)
	if err != nil {
		return Document{}, err
	}
	doc, err := convert(body, kind, name, final)
	if err != nil {
		return Document{}, err
	}
	doc.URL = final.String()
	return doc, nil
}

// Attachment fetches an uploaded file. name is the file name Discord gives
// and decides the type (.txt, .md or .html); contentType is Discord's guess,
// checked when present.
func (f *Fetcher) Attachment(ctx context.Context, rawURL, name, contentType string, size int64) (Document, error) {
	ext := strings.ToLower(path.Ext(name))
	kind, ok := extKinds[ext]
	if !ok {
		return Document{}, fail(WrongType, "%s is not a .txt, .md or .html file", quoteName(name))
	}
	if contentType != "" {
		mt, _, _ := mime.ParseMediaType(contentType)
		if mt != "" && !strings.HasPrefix(mt, "text/") && mt != "application/xhtml+xml" {
			return Document{}, fail(NotText, "%s is %s, not text", quoteName(name), mt)
		}
		if err := checkCharset(contentType); err != nil {
			return Document{}, err
		}
	}
	if size > f.cfg.MaxBytes {
		return Document{}, tooBig(f.cfg.MaxBytes)
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return Document{}, fail(BadURL, "the attachment address is not a web address")
	}
	if !f.attachmentHost(u.Host) {
		return Document{}, fail(Forbidden, "attachments are only fetched from Discord, not from %s", u.Hostname())
	}
	body, _, _, err := f.get(ctx, f.attach, u.String())
	if err != nil {
		return Document{}, err
	}
	return convert(body, kind, name, nil)
}

func (f *Fetcher) attachmentHost(host string) bool {
	for _, h := range f.cfg.AttachmentHosts {
		if strings.EqualFold(h, host) || strings.EqualFold(h, hostOnly(host)) {
			return true
		}
	}
	return false
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

func quoteName(name string) string {
	if name == "" {
		return "the file"
	}
	return fmt.Sprintf("%q", name)
}

func tooBig(max int64) *Error {
	return fail(TooBig, "the article is larger than the limit of %s", humanBytes(max))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// get does one GET with the size cap and turns failures into Errors.
func (f *Fetcher) get(ctx context.Context, c *http.Client, u string) ([]byte, *url.URL, string, error) {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, "", fail(BadURL, "%q is not a web address", u)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", "text/html, text/markdown, text/plain;q=0.9")
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, "", f.classify(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, nil, "", fail(HTTPStatus, "the server answered %s", resp.Status)
	}
	if resp.ContentLength > f.cfg.MaxBytes {
		return nil, nil, "", tooBig(f.cfg.MaxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return nil, nil, "", f.classify(err)
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return nil, nil, "", tooBig(f.cfg.MaxBytes)
	}
	return body, resp.Request.URL, resp.Header.Get("Content-Type"), nil
}

// classify turns a transport error into the refusal it stands for.
func (f *Fetcher) classify(err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return fail(Timeout, "the address did not answer within %s", f.cfg.Timeout)
	}
	if errors.Is(err, context.Canceled) {
		return fail(Timeout, "the fetch was cancelled")
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return fail(Unreachable, "the host %s could not be found", dns.Name)
	}
	return fail(Unreachable, "the address could not be fetched: %s", shortErr(err))
}

// shortErr drops the method and URL that url.Error repeats.
func shortErr(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// textKind is how a body is turned into text.
type textKind int

const (
	plainKind textKind = iota
	markdownKind
	htmlKind
)

var extKinds = map[string]textKind{".txt": plainKind, ".md": markdownKind, ".markdown": markdownKind, ".html": htmlKind, ".htm": htmlKind}

// textType decides the kind of a fetched body from its Content-Type.
func textType(ctype, name string) (textKind, error) {
	if ctype == "" {
		if k, ok := extKinds[strings.ToLower(path.Ext(name))]; ok {
			return k, nil
		}
		return 0, fail(NotText, "the server did not say what the page is, and it does not look like text")
	}
	mt, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return 0, fail(NotText, "the server sent an unreadable content type %q", ctype)
	}
	if err := checkCharset(ctype); err != nil {
		return 0, err
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return htmlKind, nil
	case "text/markdown", "text/x-markdown":
		return markdownKind, nil
	case "text/plain":
		if k, ok := extKinds[strings.ToLower(path.Ext(name))]; ok && k == markdownKind {
			return markdownKind, nil
		}
		return plainKind, nil
	}
	if strings.HasPrefix(mt, "text/") {
		return 0, fail(WrongType, "the page is %s; only HTML, Markdown and plain text are accepted", mt)
	}
	return 0, fail(NotText, "the page is %s, not text", mt)
}

// checkCharset refuses a declared charset other than UTF-8 (or its ASCII
// subset).
func checkCharset(ctype string) error {
	_, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return nil
	}
	cs := strings.ToLower(strings.TrimSpace(params["charset"]))
	switch cs {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return nil
	}
	return fail(NotUTF8, "the text is encoded as %s; only UTF-8 text is accepted (save it as UTF-8 and try again)", cs)
}

// convert turns a fetched or uploaded body into a Document. base is the
// page's address, for HTML; nil for uploads.
func convert(body []byte, kind textKind, name string, base *url.URL) (Document, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(body) {
		return Document{}, fail(NotUTF8, "the text is not valid UTF-8; save it as UTF-8 and try again")
	}
	if bytes.IndexByte(body, 0) >= 0 {
		return Document{}, fail(NotText, "the file contains binary data, not text")
	}
	doc := Document{Name: name}
	switch kind {
	case htmlKind:
		return fromHTML(body, name, base)
	case markdownKind:
		doc.Name = ensureExt(name, ".md")
	default:
		doc.Name = ensureExt(name, ".txt")
	}
	text := strings.ReplaceAll(string(body), "\r\n", "\n")
	fm, rest := splitFrontMatter(text)
	doc.Title, doc.Publisher, doc.Published, doc.URL, doc.Byline = fm["title"], fm["publisher"], fm["published"], fm["url"], fm["author"]
	doc.Text = strings.TrimSpace(rest)
	if doc.Text == "" {
		return Document{}, fail(Empty, "the article is empty")
	}
	if doc.Title == "" {
		doc.Title = firstLine(doc.Text, kind == markdownKind)
	}
	return doc, nil
}

func ensureExt(name, ext string) string {
	if name == "" {
		return "article" + ext
	}
	return strings.TrimSuffix(name, path.Ext(name)) + ext
}

// splitFrontMatter separates a leading "---" block of "key: value" lines.
func splitFrontMatter(s string) (map[string]string, string) {
	fm := map[string]string{}
	if !strings.HasPrefix(s, "---\n") {
		return fm, s
	}
	end := strings.Index(s[4:], "\n---")
	if end < 0 {
		return fm, s
	}
	block := s[4 : 4+end]
	rest := s[4+end+4:]
	for _, line := range strings.Split(block, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			fm[strings.ToLower(strings.TrimSpace(k))] = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return fm, rest
}

// firstLine gives the first non-empty line as a title, without Markdown
// heading marks.
func firstLine(text string, markdown bool) string {
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if markdown {
			l = strings.TrimSpace(strings.TrimLeft(l, "#"))
		}
		if l != "" {
			if r := []rune(l); len(r) > 200 {
				l = string(r[:200])
			}
			return l
		}
	}
	return ""
}

// fromHTML extracts the article of an HTML page with readability, the
// port of Firefox Reader View's algorithm: it knows far more about
// navigation, ads and comment sections than any heuristic we would write.
func fromHTML(body []byte, name string, base *url.URL) (Document, error) {
	if base == nil {
		base = &url.URL{Scheme: "https", Host: "upload.invalid", Path: "/" + name}
	}
	art, err := readability.FromReader(bytes.NewReader(body), base)
	if err != nil || art.Node == nil {
		return Document{}, fail(NoBody, "no article body was found in the page")
	}
	var b strings.Builder
	if err := art.RenderText(&b); err != nil {
		return Document{}, fail(NoBody, "no article body was found in the page")
	}
	text := normalizeParagraphs(b.String())
	if text == "" {
		return Document{}, fail(NoBody, "no article body was found in the page")
	}
	doc := Document{
		Name:      ensureExt(name, ".txt"),
		Title:     strings.TrimSpace(art.Title()),
		Byline:    strings.TrimSpace(art.Byline()),
		Publisher: strings.TrimSpace(art.SiteName()),
		Text:      text,
	}
	if t, err := art.PublishedTime(); err == nil {
		doc.Published = t.Format("2006-01-02")
	}
	if doc.Title == "" {
		doc.Title = firstLine(text, false)
	}
	return doc, nil
}

// normalizeParagraphs trims every line and keeps one blank line between
// paragraphs.
func normalizeParagraphs(s string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		l = strings.Join(strings.Fields(l), " ")
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n\n")
}
