package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/bottest"
)

// startMain starts this test binary as briefbot with args (see TestMain).
func startMain(t *testing.T, stdin *os.File, args ...string) (*exec.Cmd, *bottest.LogBuffer) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skip("cannot find the test binary:", err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "BRIEFBOT_TEST_RUN_MAIN=1")
	cmd.Stdin = stdin
	var stderr bottest.LogBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &stderr
}

// exitAfter waits for cmd to exit, and fails the test when it takes longer than bound.
func exitAfter(t *testing.T, cmd *exec.Cmd, bound time.Duration) int {
	t.Helper()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-exited:
		return cmd.ProcessState.ExitCode()
	case <-time.After(bound):
		t.Fatalf("briefbot did not exit within %s of the signal", bound)
	}
	return -1
}

// bigFolder writes articles that take seconds to analyse.
func bigFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var sb strings.Builder
	for i := range 30000 {
		fmt.Fprintf(&sb, "Officials in district %d met on Monday to discuss a budget of %d dollars, “a fair plan,” the mayor said. ", i, i*7)
		if i%8 == 7 {
			sb.WriteByte('\n')
		}
	}
	for i := range 8 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSignalsStopCommands sends SIGINT or SIGTERM to commands busy reading, analysing or
// waiting for input: each stops at once with the status a shell expects.
func TestSignalsStopCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := bigFolder(t)
	for _, tc := range []struct {
		name string
		args []string
		sig  syscall.Signal
		want int
	}{
		{"brief interrupted", []string{"brief", dir}, syscall.SIGINT, 130},
		{"who-said terminated", []string{"who-said", "plan", dir}, syscall.SIGTERM, 143},
		{"chat interrupted", []string{"chat"}, syscall.SIGINT, 130},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, w, err := os.Pipe() // stdin that stays open: chat waits on it
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			cmd, stderr := startMain(t, r, tc.args...)
			r.Close()
			time.Sleep(300 * time.Millisecond)
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			if code := exitAfter(t, cmd, 5*time.Second); code != tc.want {
				t.Errorf("exit status %d, want %d\n%s", code, tc.want, stderr.String())
			}
		})
	}
}
