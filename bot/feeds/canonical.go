package feeds

import (
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
)

// trackingParams are the query parameters dropped by Canonical besides utm_*: click
// identifiers of ad and mail platforms (fbclid, gclid, dclid, msclkid, yclid, twclid,
// igshid, mc_cid, mc_eid, _hsenc, _hsmi, mkt_tok, oly_anon_id, oly_enc_id, vero_id,
// wt_mc, wt.mc_id), and the referral tags of news sites (ref, ref_src, ref_url, cmpid,
// cmp, src, source, s_cid, ito, ocid, smid, sr_share, at_medium, at_campaign, ns_mchannel,
// ns_source, ns_campaign, ns_linkname, ns_fee, __twitter_impression, taid, share, spm).
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "twclid": true,
	"igshid": true, "mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true,
	"mkt_tok": true, "oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "wt_mc": true,
	"wt.mc_id": true, "ref": true, "ref_src": true, "ref_url": true, "cmpid": true, "cmp": true,
	"src": true, "source": true, "s_cid": true, "ito": true, "ocid": true, "smid": true,
	"sr_share": true, "at_medium": true, "at_campaign": true, "ns_mchannel": true,
	"ns_source": true, "ns_campaign": true, "ns_linkname": true, "ns_fee": true,
	"__twitter_impression": true, "taid": true, "share": true, "spm": true,
}

// isTracking reports whether the query parameter named k only tracks the reader.
func isTracking(k string) bool {
	k = strings.ToLower(k)
	return strings.HasPrefix(k, "utm_") || trackingParams[k]
}

// Canonical returns the canonical form of an article's http(s) URL, so that the copies
// of one article found under several addresses are known as one: the scheme and host in
// lower case, the default port (80, 443) dropped, no fragment, no user info, no
// tracking parameters (utm_* and those of trackingParams, named case-insensitively),
// the other query parameters sorted by name (their order kept among equal names), and
// the path's trailing slash removed (but for the root, "/", which an empty path becomes).
// A URL that does not parse or is not absolute http(s) is an error (a Skip with
// ReasonBadURL), and so is one whose canonical form would not be its own (a host such as
// "]" that prints as another URL): Canonical of a canonical URL is itself.
func Canonical(raw string) (string, error) {
	c, err := canonical(raw)
	if err != nil {
		return "", err
	}
	if again, err := canonical(c); err != nil || again != c {
		return "", skipf(ReasonBadURL, false, "feeds: canonicalising %q: it reads as another URL, %q", raw, c)
	}
	return c, nil
}

// canonical is one step of Canonical.
func canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", &Skip{Reason: ReasonBadURL, Err: fmt.Errorf("feeds: canonicalising %q: %w", raw, err)}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", skipf(ReasonBadURL, false, "feeds: canonicalising %q: not an absolute http(s) URL", raw)
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if host == "" {
		return "", skipf(ReasonBadURL, false, "feeds: canonicalising %q: no host", raw)
	}
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6
		host = "[" + host + "]"
	}
	if port != "" {
		host = net.JoinHostPort(strings.Trim(host, "[]"), port)
	}
	u.Host, u.User, u.Fragment, u.RawFragment = host, nil, "", ""
	u.RawQuery = canonicalQuery(u.RawQuery)
	u.ForceQuery = false
	if p := u.EscapedPath(); p == "" {
		u.Path, u.RawPath = "/", ""
	} else if len(p) > 1 && strings.HasSuffix(p, "/") {
		trimmed := strings.TrimRight(p, "/")
		if trimmed == "" {
			trimmed = "/"
		}
		if err := setEscapedPath(u, trimmed); err != nil {
			return "", &Skip{Reason: ReasonBadURL, Err: fmt.Errorf("feeds: canonicalising %q: %w", raw, err)}
		}
	}
	out := u.String()
	if _, err := url.Parse(out); err != nil {
		return "", &Skip{Reason: ReasonBadURL, Err: fmt.Errorf("feeds: canonicalising %q: %w", raw, err)}
	}
	return out, nil
}

// setEscapedPath sets u's path from its escaped form.
func setEscapedPath(u *url.URL, escaped string) error {
	p, err := url.PathUnescape(escaped)
	if err != nil {
		return err
	}
	u.Path, u.RawPath = p, escaped
	if u.EscapedPath() != escaped {
		u.RawPath = ""
	}
	return nil
}

// canonicalQuery drops the tracking parameters of a raw query and sorts the others by
// name, keeping their raw (escaped) form.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	type param struct{ key, raw string }
	var kept []param
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, _, _ := strings.Cut(part, "=")
		name, err := url.QueryUnescape(k)
		if err != nil {
			name = k
		}
		if isTracking(name) {
			continue
		}
		kept = append(kept, param{name, part})
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].key < kept[j].key })
	parts := make([]string, len(kept))
	for i, p := range kept {
		parts[i] = p.raw
	}
	return strings.Join(parts, "&")
}
