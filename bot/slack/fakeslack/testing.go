package fakeslack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Sign signs the slash-command request r, whose body is body, with the signing secret at
// time ts, the way Slack does: the form content type, X-Slack-Request-Timestamp and an
// X-Slack-Signature of "v0=" and the hex HMAC-SHA256 of "v0:TIMESTAMP:BODY".
func Sign(r *http.Request, body, secret string, ts time.Time) {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", stamp, body)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Slack-Request-Timestamp", stamp)
	r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
}

// LoopbackTransport is an http.RoundTripper that refuses any host but the loopback
// interface, so that no test (nor a fuzzed response_url) reaches the network.
type LoopbackTransport struct{}

// RoundTrip sends r with http.DefaultTransport when its host is 127.0.0.1, ::1 or
// localhost, and fails otherwise.
func (LoopbackTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if h := r.URL.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		return nil, fmt.Errorf("test transport: refusing %s: only loopback", r.URL.Host)
	}
	return http.DefaultTransport.RoundTrip(r)
}
