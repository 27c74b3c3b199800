package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"
)

const articleHTML = `<!DOCTYPE html><html><head><title>Ignored tab title</title>
<meta property="og:title" content="Talks stall over missile shield">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2009-07-06T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Talks stall over missile shield</h1>
<p>MOSCOW — Russian officials said on Monday that talks on the planned missile shield had stalled, and that no new meeting had been set for the coming weeks.</p>
<p>"We see no reason to continue on these terms," the deputy foreign minister told reporters after a meeting that lasted several hours and ended without a joint statement.</p>
<p>American negotiators said they remained hopeful that a compromise could be reached before the end of the year, citing progress on verification measures.</p>
</article>
<footer>Copyright Example News. Subscribe now!</footer>
</body></html>`

func server(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(articleHTML))
	})
	mux.HandleFunc("/plain.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("A plain headline\n\nSomebody said something."))
	})
	mux.HandleFunc("/notes.md", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/markdown")
		w.Write([]byte("---\ntitle: From front matter\npublisher: Wire\n---\n# Heading\n\nBody."))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/hop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(strings.Repeat("a", 5000)))
	})
	mux.HandleFunc("/bigchunked", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < 10; i++ {
			w.Write([]byte(strings.Repeat("b", 500)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n"))
	})
	mux.HandleFunc("/css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css")
		w.Write([]byte("body{}"))
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=iso-8859-1")
		w.Write([]byte("caf\xe9"))
	})
	mux.HandleFunc("/badutf8", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("caf\xe9 au lait"))
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(" \n\n "))
	})
	mux.HandleFunc("/nobody", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><title>x</title></head><body></body></html>"))
	})
	mux.HandleFunc("/binary", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("abc\x00def"))
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

func TestURLFailuresAreDistinct(t *testing.T) {
	s := server(t)
	f := New(Config{AllowPrivate: true, MaxBytes: 4096, Timeout: 300 * time.Millisecond})
	for _, tc := range []struct {
		path string
		want Kind
		msg  string
	}{
		{"/slow", Timeout, "did not answer within"},
		{"/loop", TooManyHops, "redirected more than 5 times"},
		{"/missing", HTTPStatus, "404 Not Found"},
		{"/big", TooBig, "larger than the limit of 4 KiB"},
		{"/bigchunked", TooBig, "larger than the limit"},
		{"/image", NotText, "image/png, not text"},
		{"/css", WrongType, "text/css"},
		{"/latin1", NotUTF8, "iso-8859-1"},
		{"/badutf8", NotUTF8, "not valid UTF-8"},
		{"/empty", Empty, "empty"},
		{"/nobody", NoBody, "no article body"},
		{"/binary", NotText, "binary"},
	} {
		_, err := f.URL(context.Background(), s.URL+tc.path)
		if got := KindOf(err); got != tc.want {
			t.Errorf("%s: kind %q (%v); want %q", tc.path, got, err, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: message %q does not contain %q", tc.path, err, tc.msg)
		}
	}
	for _, raw := range []string{"ftp://example.com/x", "file:///etc/passwd", "not a url", "http://user:pw@example.com/"} {
		if _, err := f.URL(context.Background(), raw); KindOf(err) != BadURL {
			t.Errorf("URL(%q) = %v; want %q", raw, err, BadURL)
		}
	}
}

func TestURLExtractsArticle(t *testing.T) {
	s := server(t)
	f := New(Config{AllowPrivate: true})
	doc, err := f.URL(context.Background(), s.URL+"/hop")
	if err != nil {
		t.Fatalf("URL: %v", err)
	}
	for _, c := range []struct{ name, got, want string }{
		{"title", doc.Title, "Talks stall over missile shield"},
		{"publisher", doc.Publisher, "Example News"},
		{"byline", doc.Byline, "Jane Reporter"},
		{"published", doc.Published, "2009-07-06"},
		{"url", doc.URL, s.URL + "/article"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q; want %q", c.name, c.got, c.want)
		}
	}
	if !strings.Contains(doc.Text, "We see no reason to continue") || strings.Contains(doc.Text, "Subscribe now") || strings.Contains(doc.Text, "Home") {
		t.Errorf("text = %q; want the article body without navigation or footer", doc.Text)
	}
	if n := strings.Count(doc.Text, "\n\n"); n < 2 {
		t.Errorf("text has %d paragraph breaks; want at least 2", n)
	}

	doc, err = f.URL(context.Background(), s.URL+"/notes.md")
	if err != nil || doc.Title != "From front matter" || doc.Publisher != "Wire" || !strings.HasPrefix(doc.Text, "# Heading") || doc.Name != "notes.md" {
		t.Errorf("markdown = %+v, %v; want front matter split off", doc, err)
	}
	doc, err = f.URL(context.Background(), s.URL+"/plain.txt")
	if err != nil || doc.Title != "A plain headline" {
		t.Errorf("plain = %+v, %v; want the first line as title", doc, err)
	}
}

func TestPrivateAddressesRefusedUnlessAllowed(t *testing.T) {
	s := server(t)
	strict := New(Config{})
	_, err := strict.URL(context.Background(), s.URL+"/article")
	if KindOf(err) != Forbidden || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("loopback = %v; want %q naming the address", err, Forbidden)
	}
	// A public-looking name that resolves to loopback is caught at dial
	// time too.
	u, _ := url.Parse(s.URL)
	_, err = strict.URL(context.Background(), "http://localhost:"+u.Port()+"/article")
	if KindOf(err) != Forbidden {
		t.Errorf("localhost = %v; want %q", err, Forbidden)
	}
	if _, err := New(Config{AllowPrivate: true}).URL(context.Background(), s.URL+"/article"); err != nil {
		t.Errorf("with AllowPrivate: %v", err)
	}
	for _, tc := range []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true}, {"10.1.2.3", true}, {"172.16.0.1", true}, {"192.168.1.1", true},
		{"169.254.169.254", true}, {"0.0.0.0", true}, {"::1", true}, {"fe80::1", true}, {"fc00::1", true},
		{"::ffff:127.0.0.1", true}, {"100.64.0.1", true}, {"::", true},
		{"93.184.216.34", false}, {"2606:2800:220:1::1", false}, {"8.8.8.8", false},
	} {
		if got := blocked(netip.MustParseAddr(tc.ip)); got != tc.want {
			t.Errorf("blocked(%s) = %v; want %v", tc.ip, got, tc.want)
		}
	}
}

func TestAttachment(t *testing.T) {
	s := server(t)
	u, _ := url.Parse(s.URL)
	f := New(Config{AttachmentHosts: []string{u.Host}, MaxBytes: 4096})
	doc, err := f.Attachment(context.Background(), s.URL+"/article", "story.html", "text/html; charset=utf-8", 100)
	if err != nil || doc.Title != "Talks stall over missile shield" || doc.Name != "story.txt" {
		t.Errorf("html attachment = %+v, %v", doc, err)
	}
	doc, err = f.Attachment(context.Background(), s.URL+"/plain.txt", "a.txt", "", 10)
	if err != nil || doc.Title != "A plain headline" || doc.URL != "" {
		t.Errorf("txt attachment = %+v, %v", doc, err)
	}
	for _, tc := range []struct {
		url, name, ctype string
		size             int64
		want             Kind
	}{
		{s.URL + "/plain.txt", "photo.png", "image/png", 10, WrongType},
		{s.URL + "/plain.txt", "evil.txt", "application/octet-stream", 10, NotText},
		{s.URL + "/plain.txt", "a.txt", "text/plain; charset=windows-1252", 10, NotUTF8},
		{s.URL + "/plain.txt", "a.txt", "text/plain", 5000, TooBig},
		{s.URL + "/bigchunked", "a.txt", "text/plain", 10, TooBig},
		{s.URL + "/badutf8", "a.txt", "", 10, NotUTF8},
		{s.URL + "/empty", "a.md", "", 10, Empty},
		{"https://elsewhere.example/x.txt", "a.txt", "", 10, Forbidden},
	} {
		_, err := f.Attachment(context.Background(), tc.url, tc.name, tc.ctype, tc.size)
		if got := KindOf(err); got != tc.want {
			t.Errorf("Attachment(%s, %s, %q) = %v; want %q", tc.url, tc.name, tc.ctype, err, tc.want)
		}
	}
}
