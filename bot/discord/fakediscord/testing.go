package fakediscord

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// Client returns an HTTP client that reaches only the loopback interface, with a short
// timeout: give it to the code under test so that no request leaves the machine.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: LoopbackTransport{}, Timeout: 10 * time.Second}
}

// Dialer returns a websocket dialer that reaches only the loopback interface.
func (s *Server) Dialer() *websocket.Dialer { return LoopbackDialer() }

// LoopbackDialer returns a websocket dialer that reaches only the loopback interface.
func LoopbackDialer() *websocket.Dialer {
	return &websocket.Dialer{NetDialContext: loopbackDial, HandshakeTimeout: 5 * time.Second}
}

// LoopbackTransport is an http.RoundTripper that refuses any host but the loopback
// interface.
type LoopbackTransport struct{}

// RoundTrip sends r when its host is 127.0.0.1, ::1 or localhost, and fails otherwise.
// It keeps up to 256 idle connections, as many as the bursts of a benchmark use (over
// HTTP/1.1; Discord's API speaks HTTP/2, where one connection carries them all).
func (LoopbackTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if !loopback(r.URL.Hostname()) {
		return nil, fmt.Errorf("fakediscord: refusing %s: only loopback", r.URL.Host)
	}
	return loopbackTransport.RoundTrip(r)
}

// loopbackTransport is the transport of LoopbackTransport.
var loopbackTransport = func() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 256, 256
	return t
}()

func loopbackDial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if !loopback(host) {
		return nil, fmt.Errorf("fakediscord: refusing to dial %s: only loopback", addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, network, addr)
}

func loopback(host string) bool {
	return host == "127.0.0.1" || host == "::1" || host == "localhost"
}
