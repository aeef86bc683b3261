package content

import "runtime"

func workers() int { return max(2, runtime.GOMAXPROCS(0)) }
