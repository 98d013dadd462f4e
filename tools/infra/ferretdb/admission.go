package main

import "sync/atomic"

// admission caps the requests the front has forwarded to FerretDB and not yet seen answered.
//
// FerretDB 1.24 on PostgreSQL runs an update statement with a query iterator that keeps one pool
// connection while its write takes another, and the metadata registry takes connections under
// its lock. When enough requests hold one connection and wait for the next, the pool
// (pool_max_conns) is exhausted and nothing ever finishes. Capping what is in flight well below
// half of the pool keeps that hold-and-wait from closing the circle: requests beyond the cap
// wait here, in the front, holding no connection.
//
// A slot is taken after the request's document locks (locks.go) and released with its reply, so
// a request waiting for a slot never blocks one that holds a slot: every holder is inside
// FerretDB and finishes without waiting for the front.
type admission struct {
	slots   chan struct{} // nil: no cap
	waited  atomic.Int64  // requests that found every slot taken (logs, tests)
	highest atomic.Int64  // most slots held at once (tests)
	held    atomic.Int64
}

// newAdmission returns an admission with max slots; max <= 0 means no cap.
func newAdmission(max int) *admission {
	a := &admission{}
	if max > 0 {
		a.slots = make(chan struct{}, max)
	}
	return a
}

// acquire blocks until a slot is free and returns its release (call it once).
func (a *admission) acquire() func() {
	if a.slots == nil {
		return func() {}
	}
	select {
	case a.slots <- struct{}{}:
	default:
		a.waited.Add(1)
		a.slots <- struct{}{}
	}
	if n := a.held.Add(1); n > a.highest.Load() {
		for {
			h := a.highest.Load()
			if n <= h || a.highest.CompareAndSwap(h, n) {
				break
			}
		}
	}
	var once atomic.Bool
	return func() {
		if once.CompareAndSwap(false, true) {
			a.held.Add(-1)
			<-a.slots
		}
	}
}

// capacity is the cap (0: none).
func (a *admission) capacity() int { return cap(a.slots) }
