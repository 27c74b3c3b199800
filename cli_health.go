package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// cmdHealth probes a running bot's /healthz on HTTP_ADDR and exits 0 when it
// is healthy. It exists because the runtime image has no shell or curl, so
// the container's HEALTHCHECK runs the binary itself.
func cmdHealth(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: citebot health (probes http://HTTP_ADDR/healthz)")
		return 2
	}
	addr := getenv("HTTP_ADDR")
	if addr == "" {
		fmt.Fprintln(stderr, "health: HTTP_ADDR is not set, so the bot serves no /healthz to probe")
		return 1
	}
	url, err := healthURL(addr)
	if err != nil {
		fmt.Fprintf(stderr, "health: HTTP_ADDR %q: %v\n", addr, err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "health: %v\n", err)
		return 1
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "health: %s is not answering: %v\n", url, err)
		return 1
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "health: %s answered %s: %s\n", url, resp.Status, body)
		return 1
	}
	fmt.Fprintf(stdout, "healthy: %s\n", body)
	return 0
}

// healthURL turns a listen address such as ":8080" or "0.0.0.0:8080" into
// the loopback URL of its /healthz.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", err
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}
