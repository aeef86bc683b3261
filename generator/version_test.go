package main

import (
	"runtime/debug"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	stamp := func(kv ...string) *debug.BuildInfo {
		info := &debug.BuildInfo{}
		for i := 0; i < len(kv); i += 2 {
			info.Settings = append(info.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return info
	}
	for _, tc := range []struct {
		name   string
		linked string
		info   *debug.BuildInfo
		want   string
	}{
		{"linked wins", "v1.2-3-gabc", stamp("vcs.revision", "7f2df23aa0d1c6c5b1e0d6c8e2f1a9b3c4d5e6f7"), "v1.2-3-gabc"},
		{"go build in a clean tree", "dev", stamp("vcs.revision", "7f2df23aa0d1c6c5b1e0d6c8e2f1a9b3c4d5e6f7", "vcs.modified", "false"), "dev-7f2df23aa0d1"},
		{"go build in a changed tree", "dev", stamp("vcs.revision", "7f2df23aa0d1c6c5b1e0d6c8e2f1a9b3c4d5e6f7", "vcs.modified", "true"), "dev-7f2df23aa0d1-dirty"},
		{"no VCS stamp (-buildvcs=false, go test)", "dev", stamp("-trimpath", "true"), "dev"},
		{"no build info", "dev", nil, "dev"},
	} {
		if got := buildVersion(tc.linked, tc.info); got != tc.want {
			t.Errorf("%s: buildVersion = %q, want %q", tc.name, got, tc.want)
		}
	}
}
