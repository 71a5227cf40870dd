package feeds

import (
	"net/url"
	"slices"
	"strings"
)

// tracking are the query parameters that say who sent a reader, not what they read;
// keys with these prefixes (utm_source, utm_medium…) are dropped too.
var (
	tracking = map[string]bool{
		"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "igshid": true,
		"mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
		"cmpid": true, "cmp": true, "ocid": true, "icid": true, "ref": true, "ref_src": true,
		"referrer": true, "smid": true, "sr_share": true, "share": true, "ito": true, "at_medium": true, "at_campaign": true,
		"rss": true, "taid": true, "xtor": true, "ns_mchannel": true, "ns_source": true, "ns_campaign": true, "ns_linkname": true,
	}
	trackingPrefixes = []string{"utm_", "at_", "pk_", "mtm_", "hsa_", "oly_"}
)

// maxURLBytes bounds a URL that Canonical accepts.
const maxURLBytes = 8 << 10

// Canonical returns the form of an article's URL under which it is remembered and
// compared: the scheme and host in lower case, without a default port, a user, a
// fragment, tracking parameters (utm_*, fbclid and the like) or a trailing slash of its
// path (but the root's); the other query parameters sorted. Only absolute http and
// https URLs are accepted; anything else is a Skip with ReasonBadURL. Canonical of a
// canonical URL is itself.
func Canonical(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > maxURLBytes {
		return "", skipf(ReasonBadURL, false, "a URL of %d bytes", len(raw))
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", &Skip{Reason: ReasonBadURL, Err: err}
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return "", skipf(ReasonBadURL, false, "%q is not an http or https URL", cutText(raw, 200))
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return "", skipf(ReasonBadURL, false, "%q has no host", cutText(raw, 200))
	}
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 literal
	}
	if port != "" {
		host += ":" + port
	}
	u.Host, u.User, u.Fragment, u.RawFragment = host, nil, "", ""
	if p := u.EscapedPath(); len(p) > 1 && strings.HasSuffix(p, "/") {
		u.RawPath = ""
		np, err := url.PathUnescape(strings.TrimRight(p, "/"))
		if err == nil {
			u.Path = np
			if u.Path == "" {
				u.Path = "/"
			}
		}
	}
	u.RawQuery = cleanQuery(u.RawQuery)
	u.ForceQuery = false
	out := u.String()
	if len(out) > maxURLBytes {
		return "", skipf(ReasonBadURL, false, "a URL of %d bytes", len(out))
	}
	return out, nil
}

// cleanQuery returns the query without tracking parameters, the others sorted (by key,
// then value), each escaped alike.
func cleanQuery(raw string) string {
	if raw == "" {
		return ""
	}
	q, err := url.ParseQuery(raw)
	if err != nil && len(q) == 0 {
		return "" // nothing readable: a broken query identifies nothing
	}
	for k := range q {
		l := strings.ToLower(k)
		if tracking[l] || slices.ContainsFunc(trackingPrefixes, func(p string) bool { return strings.HasPrefix(l, p) }) {
			delete(q, k)
		}
	}
	for _, v := range q {
		slices.Sort(v)
	}
	return q.Encode() // sorted by key
}
