package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealthURL(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		{":8080", "http://127.0.0.1:8080/healthz"},
		{"0.0.0.0:9090", "http://127.0.0.1:9090/healthz"},
		{"[::]:9090", "http://127.0.0.1:9090/healthz"},
		{"10.0.0.5:80", "http://10.0.0.5:80/healthz"},
	} {
		got, err := healthURL(tc.addr)
		if err != nil || got != tc.want {
			t.Errorf("healthURL(%q) = %q, %v; want %q", tc.addr, got, err, tc.want)
		}
	}
	if _, err := healthURL("no-port"); err == nil {
		t.Errorf("healthURL(%q): got no error; want one", "no-port")
	}
}

func TestHealthCommand(t *testing.T) {
	status := http.StatusOK
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.WriteHeader(status)
		w.Write([]byte("gateway connected, library loaded"))
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	env := func(k string) string {
		if k == "HTTP_ADDR" {
			return addr
		}
		return ""
	}
	for _, tc := range []struct {
		name   string
		status int
		env    func(string) string
		want   int
	}{
		{"healthy", http.StatusOK, env, 0},
		{"unhealthy", http.StatusServiceUnavailable, env, 1},
		{"no HTTP_ADDR", http.StatusOK, func(string) string { return "" }, 1},
	} {
		status = tc.status
		var out, errb bytes.Buffer
		if got := run([]string{"health"}, strings.NewReader(""), &out, &errb, tc.env); got != tc.want {
			t.Errorf("%s: got exit code %d; want %d (stderr %q)", tc.name, got, tc.want, errb.String())
		}
	}
}
