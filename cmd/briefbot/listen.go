package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// adminHandler serves the operator's endpoints: /healthz (the process is up), /readyz
// (one line a component, 503 unless all are ready) and /metrics (Prometheus).
func adminHandler(components map[string]readiness, reg *prometheus.Registry, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ready, report := readyReport(components)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		fmt.Fprint(w, report)
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelError)}))
	return mux
}

// listenSpec is one HTTP listener serve opens.
type listenSpec struct {
	name    string // "admin", "public", or "public and admin" when they share an address
	key     string // the config key of its address, for errors
	addr    string
	handler http.Handler
}

// httpServer is a listener being served.
type httpServer struct {
	spec listenSpec
	addr string // the address bound, with the port chosen when the config said 0
	ln   net.Listener
	srv  *http.Server
	log  *slog.Logger
}

// listen binds the address of spec.
func listen(spec listenSpec, log *slog.Logger) (*httpServer, error) {
	ln, err := net.Listen("tcp", spec.addr)
	if err != nil {
		return nil, fmt.Errorf("listening on %s %s: %w", spec.key, spec.addr, err)
	}
	s := &httpServer{spec: spec, addr: ln.Addr().String(), ln: ln, log: log}
	s.srv = &http.Server{
		Handler:           spec.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "listener", spec.name, "addr", s.addr)
	return s, nil
}

// serve serves until shutdown; it returns an error only when serving fails.
func (s *httpServer) serve() error {
	if err := s.srv.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving the %s listener on %s: %w", s.spec.name, s.addr, err)
	}
	return nil
}

// shutdown stops taking requests and waits for those in progress until ctx ends.
func (s *httpServer) shutdown(ctx context.Context) {
	if err := s.srv.Shutdown(ctx); err != nil {
		s.log.Warn("closing a listener", "listener", s.spec.name, "error", err)
	}
}

// close releases the listener if it was never served.
func (s *httpServer) close() { s.ln.Close() }
