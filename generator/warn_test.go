package main

import (
	"bytes"
	"net"
	"strings"
	"testing"

	"github.com/planportal/planportal/generator/msg"
)

// fakeListener stands for a listener on addr, so that the warning about listening beyond
// loopback is tested without opening a port on every interface (tests listen on 127.0.0.1).
type fakeListener struct {
	net.Listener
	addr net.Addr
}

func (l fakeListener) Addr() net.Addr { return l.addr }

// serve and dev warn, in the officer's language (the tests run in English), when --addr lets other machines connect, and say nothing
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
		if !strings.HasPrefix(got, "warning: ") || !strings.Contains(got, tc.bound) || !strings.Contains(got, "--addr 127.0.0.1") {
			t.Errorf("--addr %s: %q, want a warning naming %s and the loopback --addr", tc.flag, got, tc.bound)
		}
		restore := msg.SetEnglish(false)
		out.Reset()
		warnExposed(&out, tc.flag, fakeListener{addr: addr})
		restore()
		if zh := out.String(); !strings.HasPrefix(zh, "警告：") || !strings.Contains(zh, tc.bound) || !strings.Contains(zh, "--addr 127.0.0.1") {
			t.Errorf("--addr %s: in Chinese %q, want a 警告 naming %s and the loopback --addr", tc.flag, zh, tc.bound)
		}
	}
}
