package publish

// SetTestHook lets the tests outside the package (package publish_test) make a step of a
// commit fail.
func SetTestHook(h func(step, dest string) error) { testHook = h }
