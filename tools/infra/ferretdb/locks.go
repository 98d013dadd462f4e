package main

import "sync"

// locks hands out the front's locks: one global mutex (all mode), a readers-writer lock per
// collection and a mutex per document key. Entries exist only while someone holds or waits for
// them, so the maps stay as small as the number of writes in flight.
//
// Order, always: collection (shared or exclusive), then document keys in sorted order. A lock
// is released by the reply to the request that took it, which FerretDB produces without
// waiting for any of these locks, so a holder always ends up releasing and no cycle can form.
type locks struct {
	global sync.Mutex

	mu          sync.Mutex
	collections map[string]*collectionLock
	documents   map[string]*documentLock
}

type collectionLock struct {
	rw   sync.RWMutex
	refs int
}

type documentLock struct {
	mu   sync.Mutex
	refs int
}

func newLocks() *locks {
	return &locks{collections: map[string]*collectionLock{}, documents: map[string]*documentLock{}}
}

// acquire blocks until plan's locks are held and returns the function that releases them
// (nil for scopeNone).
func (l *locks) acquire(plan lockPlan) func() {
	switch plan.scope {
	case scopeGlobal:
		l.global.Lock()
		return l.global.Unlock

	case scopeCollection:
		c := l.collection(plan.collection)
		c.rw.Lock()
		return func() {
			c.rw.Unlock()
			l.dropCollection(plan.collection, c)
		}

	case scopeDocuments:
		c := l.collection(plan.collection)
		c.rw.RLock()
		docs := make([]*documentLock, len(plan.keys))
		for i, key := range plan.keys { // sorted by planFor
			docs[i] = l.document(key)
			docs[i].mu.Lock()
		}
		return func() {
			for i := len(docs) - 1; i >= 0; i-- {
				docs[i].mu.Unlock()
				l.dropDocument(plan.keys[i], docs[i])
			}
			c.rw.RUnlock()
			l.dropCollection(plan.collection, c)
		}
	}
	return nil
}

func (l *locks) collection(key string) *collectionLock {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.collections[key]
	if c == nil {
		c = &collectionLock{}
		l.collections[key] = c
	}
	c.refs++
	return c
}

func (l *locks) dropCollection(key string, c *collectionLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if c.refs--; c.refs == 0 {
		delete(l.collections, key)
	}
}

func (l *locks) document(key string) *documentLock {
	l.mu.Lock()
	defer l.mu.Unlock()
	d := l.documents[key]
	if d == nil {
		d = &documentLock{}
		l.documents[key] = d
	}
	d.refs++
	return d
}

func (l *locks) dropDocument(key string, d *documentLock) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if d.refs--; d.refs == 0 {
		delete(l.documents, key)
	}
}

// size reports the live entries (tests).
func (l *locks) size() (collections, documents int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.collections), len(l.documents)
}
