package main

import (
	"bytes"
	"net"
	"strings"
	"testing"
)

// fakeListener stands for a listener on addr, so that the warning about listening beyond
// loopback is tested without opening a port on every interface (tests listen on 127.0.0.1).
type fakeListener struct {
	net.Listener
	addr net.Addr
}

func (l fakeListener) Addr() net.Addr { return l.addr }

// serve and dev warn, Chinese first, when --addr lets other machines connect, and say nothing
// when it does not.
func TestWarnExposed(t *testing.T) {
	for _, tc := range []struct {
		flag   string
		bound  string
		warned bool
	}{
		{"0.0.0.0:8080", "0.0.0.0:8080", true},
		{":8080", "[::]:8080", true},
		{"192.168.1.5:8080", "192.168.1.5:8080", true},
		{"127.0.0.1:8080", "127.0.0.1:8080", false},
		{"localhost:0", "127.0.0.1:43117", false},
		{"[::1]:8080", "[::1]:8080", false},
	} {
		addr, err := net.ResolveTCPAddr("tcp", tc.bound)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		warnExposed(&out, tc.flag, fakeListener{addr: addr})
		got := out.String()
		if !tc.warned {
			if got != "" {
				t.Errorf("--addr %s: warned %q, want nothing", tc.flag, got)
			}
			continue
		}
		zh, en, _ := strings.Cut(got, "\n")
		if !strings.HasPrefix(zh, "警告：") || !strings.Contains(zh, tc.bound) || !strings.Contains(zh, "--addr 127.0.0.1") {
			t.Errorf("--addr %s: Chinese line %q, want a 警告 naming %s and the loopback --addr", tc.flag, zh, tc.bound)
		}
		if !strings.HasPrefix(en, "warning: ") || !strings.Contains(en, tc.bound) {
			t.Errorf("--addr %s: English line %q, want a warning naming %s", tc.flag, en, tc.bound)
		}
	}
}
