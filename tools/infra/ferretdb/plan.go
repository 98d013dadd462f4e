package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/FerretDB/wire"
	"go.mongodb.org/mongo-driver/bson"
)

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

const (
	opMsg     = 2013
	headerLen = 16
	maxMsgLen = 48_000_000 // as FerretDB and MongoDB
)

// requestInfo is what the front needs from a client message.
type requestInfo struct {
	requestID  int32
	opCode     int32
	moreToCome bool
	plan       lockPlan
}

// inspect reads a whole wire message (header included). Anything that is not an OP_MSG, or
// does not parse, gets scopeNone: FerretDB decodes with the same wire package and refuses it.
func inspect(frame []byte, m mode) (info requestInfo) {
	defer func() {
		if r := recover(); r != nil { // malformed input must never take the front down
			info.plan = lockPlan{}
		}
	}()
	info = requestInfo{
		requestID: int32(binary.LittleEndian.Uint32(frame[4:8])),
		opCode:    int32(binary.LittleEndian.Uint32(frame[12:16])),
	}
	if info.opCode != opMsg || m == modeNone {
		return info
	}
	body, flags, sequences, err := parseOpMsg(frame[headerLen:])
	if err != nil {
		return info
	}
	info.moreToCome = flags.FlagSet(wire.OpMsgMoreToCome)
	info.plan = planFor(body, sequences, m)
	return info
}

// parseOpMsg splits an OP_MSG body (after the header) into its kind-0 document and its kind-1
// document sequences by identifier. wire's decoder handles the checksum flag.
func parseOpMsg(b []byte) (body bson.Raw, flags wire.OpMsgFlags, sequences map[string][]bson.Raw, err error) {
	defer func() {
		if r := recover(); r != nil { // malformed input must never take the front down
			err = fmt.Errorf("malformed OP_MSG: %v", r)
		}
	}()
	var msg wire.OpMsg
	if err = msg.UnmarshalBinaryNocopy(b); err != nil {
		return nil, 0, nil, err
	}
	for _, s := range msg.Sections() {
		switch s.Kind {
		case 0:
			body = bson.Raw(s.Documents()[0])
		case 1:
			if sequences == nil {
				sequences = map[string][]bson.Raw{}
			}
			for _, d := range s.Documents() {
				sequences[s.Identifier] = append(sequences[s.Identifier], bson.Raw(d))
			}
		}
	}
	if body == nil {
		return nil, 0, nil, errors.New("OP_MSG without a body section")
	}
	return body, msg.Flags, sequences, nil
}

// writeCommands are the commands that write (lower case): in all mode each takes the global mutex.
var writeCommands = map[string]bool{
	"insert": true, "update": true, "delete": true, "findandmodify": true,
	"create": true, "createindexes": true, "drop": true, "dropindexes": true, "dropdatabase": true,
	"renamecollection": true, "collmod": true, "compact": true, "reindex": true,
	"createuser": true, "updateuser": true, "dropuser": true, "dropallusersfromdatabase": true,
}

// planFor decides what a command locks.
func planFor(body bson.Raw, sequences map[string][]bson.Raw, m mode) lockPlan {
	first, err := body.IndexErr(0)
	if err != nil {
		return lockPlan{}
	}
	command := strings.ToLower(first.Key())
	plan := lockPlan{command: command}

	if m == modeAll {
		if writeCommands[command] {
			plan.scope = scopeGlobal
		}
		return plan
	}

	// the commands that can modify an existing document, and where their filters are
	var statementsField, filterField string
	switch command {
	case "update":
		statementsField, filterField = "updates", "q"
	case "delete":
		statementsField, filterField = "deletes", "q"
	case "findandmodify":
		filterField = "query"
	default:
		return plan
	}

	db, _ := body.Lookup("$db").StringValueOK()
	collection, ok := first.Value().StringValueOK()
	if !ok {
		collection = first.Value().String()
	}
	plan.collection = db + "\x00" + collection

	var statements []bson.Raw
	if statementsField == "" {
		statements = []bson.Raw{body}
	} else {
		if v, err := body.LookupErr(statementsField); err == nil {
			arr, ok := v.ArrayOK()
			if !ok {
				plan.scope = scopeCollection
				return plan
			}
			values, err := arr.Values()
			if err != nil {
				plan.scope = scopeCollection
				return plan
			}
			for _, v := range values {
				doc, ok := v.DocumentOK()
				if !ok {
					plan.scope = scopeCollection
					return plan
				}
				statements = append(statements, doc)
			}
		}
		statements = append(statements, sequences[statementsField]...)
	}

	seen := map[string]bool{}
	for _, statement := range statements {
		var filter bson.Raw
		if v, err := statement.LookupErr(filterField); err == nil {
			doc, ok := v.DocumentOK()
			if !ok {
				plan.scope = scopeCollection
				return plan
			}
			filter = doc
		}
		ids, ok := idKeys(filter)
		if !ok {
			plan.scope, plan.keys = scopeCollection, nil
			return plan
		}
		for _, id := range ids {
			key := plan.collection + "\x00" + id
			if !seen[key] {
				seen[key] = true
				plan.keys = append(plan.keys, key)
			}
		}
	}
	sort.Strings(plan.keys)
	plan.scope = scopeDocuments
	return plan
}

// idKeys returns the keys of the documents a filter can match when it pins `_id` to values
// (`{_id: v}` with v not an operator document nor a regex, `{_id: {$eq: v}}`, `{_id: {$in: [...]}}`);
// ok is false when the filter can match other documents.
func idKeys(filter bson.Raw) (keys []string, ok bool) {
	if filter == nil {
		return nil, false
	}
	v, err := filter.LookupErr("_id")
	if err != nil {
		return nil, false
	}
	switch v.Type {
	case bson.TypeRegex:
		return nil, false
	case bson.TypeEmbeddedDocument:
		doc := v.Document()
		first, err := doc.IndexErr(0)
		if err != nil || !strings.HasPrefix(first.Key(), "$") {
			return []string{idKey(v)}, true // {} or a document _id: plain equality
		}
		// an operator document: $eq or $in bound the matched set; other operators only narrow it
		if eq, err := doc.LookupErr("$eq"); err == nil {
			return []string{idKey(eq)}, true
		}
		in, err := doc.LookupErr("$in")
		if err != nil {
			return nil, false
		}
		arr, isArray := in.ArrayOK()
		if !isArray {
			return nil, false
		}
		values, err := arr.Values()
		if err != nil {
			return nil, false
		}
		keys = make([]string, 0, len(values))
		for _, value := range values {
			if value.Type == bson.TypeRegex { // $in with a regex matches by pattern
				return nil, false
			}
			keys = append(keys, idKey(value))
		}
		return keys, true
	default:
		return []string{idKey(v)}, true
	}
}

// idKey is a canonical form of an _id value: values MongoDB's equality treats as one
// (1, NumberLong(1), 1.0) share a key.
func idKey(v bson.RawValue) string {
	switch v.Type {
	case bson.TypeString:
		return "s:" + v.StringValue()
	case bson.TypeObjectID:
		return "o:" + v.ObjectID().Hex()
	case bson.TypeInt32:
		return "n:" + strconv.FormatInt(int64(v.Int32()), 10)
	case bson.TypeInt64:
		return "n:" + strconv.FormatInt(v.Int64(), 10)
	case bson.TypeDouble:
		f := v.Double()
		if f == math.Trunc(f) && math.Abs(f) < 1<<63 {
			return "n:" + strconv.FormatInt(int64(f), 10)
		}
		return "d:" + strconv.FormatFloat(f, 'g', -1, 64)
	default:
		return fmt.Sprintf("%02x:%x", byte(v.Type), v.Value)
	}
}
