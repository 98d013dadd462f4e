package main

import "fmt"

// mode says which commands the front serialises.
type mode int

const (
	modeDocuments mode = iota // by document (_id) or, failing that, by collection
	modeAll                   // every write command through one mutex
	modeNone                  // no locks (measurement only)
)

func parseMode(s string) (mode, error) {
	switch s {
	case "documents":
		return modeDocuments, nil
	case "all":
		return modeAll, nil
	case "none":
		return modeNone, nil
	}
	return 0, fmt.Errorf("--serialize=%q: want documents, all or none", s)
}

func (m mode) String() string {
	return [...]string{"documents", "all", "none"}[m]
}

// lockScope is how much a request locks.
type lockScope int

const (
	scopeNone       lockScope = iota // reads, inserts (documents mode), anything unparsable
	scopeDocuments                   // the collection shared, then each of keys exclusively
	scopeCollection                  // the collection exclusively
	scopeGlobal                      // the one global mutex (all mode)
)

func (s lockScope) String() string {
	return [...]string{"none", "documents", "collection", "global"}[s]
}

// lockPlan is what one request must hold from being forwarded until its reply.
type lockPlan struct {
	scope      lockScope
	collection string   // "<db>\x00<collection>"
	keys       []string // sorted, distinct document keys (scopeDocuments)
	command    string   // lower-cased command name, for logs and tests
}
