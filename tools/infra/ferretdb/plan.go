package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"go.mongodb.org/mongo-driver/bson"
)

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
	plan := lockPlan{command: strings.ToLower(first.Key())}
	if m == modeAll {
		if writeCommands[plan.command] {
			plan.scope = scopeGlobal
		}
		return plan
	}
	statementsField, filterField, modifies := filterFields(plan.command)
	if !modifies {
		return plan
	}
	plan.collection = collectionOf(body, first)
	statements, ok := statementsOf(body, sequences, statementsField)
	if ok {
		plan.keys, ok = documentKeys(statements, filterField, plan.collection)
	}
	if !ok {
		plan.scope, plan.keys = scopeCollection, nil
		return plan
	}
	plan.scope = scopeDocuments
	return plan
}

// filterFields says where a command that can modify an existing document keeps its statements
// ("" for findAndModify: the body is the one statement) and their filters.
func filterFields(command string) (statementsField, filterField string, modifies bool) {
	switch command {
	case "update":
		return "updates", "q", true
	case "delete":
		return "deletes", "q", true
	case "findandmodify":
		return "", "query", true
	}
	return "", "", false
}

// collectionOf is the lock namespace of a command: "<db>\x00<collection>".
func collectionOf(body bson.Raw, first bson.RawElement) string {
	db, _ := body.Lookup("$db").StringValueOK()
	collection, ok := first.Value().StringValueOK()
	if !ok {
		collection = first.Value().String()
	}
	return db + "\x00" + collection
}

// statementsOf gathers a command's statements from its body array and its document sequence;
// ok is false when the array is not one of documents (the front cannot tell what it touches).
func statementsOf(body bson.Raw, sequences map[string][]bson.Raw, field string) (statements []bson.Raw, ok bool) {
	if field == "" {
		return []bson.Raw{body}, true
	}
	if v, err := body.LookupErr(field); err == nil {
		arr, isArray := v.ArrayOK()
		if !isArray {
			return nil, false
		}
		values, err := arr.Values()
		if err != nil {
			return nil, false
		}
		for _, value := range values {
			doc, isDoc := value.DocumentOK()
			if !isDoc {
				return nil, false
			}
			statements = append(statements, doc)
		}
	}
	return append(statements, sequences[field]...), true
}

// documentKeys are the sorted, distinct keys of the documents the statements can touch; ok is
// false when one statement's filter does not pin _id (it can match any document).
func documentKeys(statements []bson.Raw, filterField, collection string) (keys []string, ok bool) {
	seen := map[string]bool{}
	for _, statement := range statements {
		var filter bson.Raw
		if v, err := statement.LookupErr(filterField); err == nil {
			doc, isDoc := v.DocumentOK()
			if !isDoc {
				return nil, false
			}
			filter = doc
		}
		ids, pinned := idKeys(filter)
		if !pinned {
			return nil, false
		}
		for _, id := range ids {
			key := collection + "\x00" + id
			if !seen[key] {
				seen[key] = true
				keys = append(keys, key)
			}
		}
	}
	sort.Strings(keys)
	return keys, true
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
		return operatorIDKeys(doc)
	default:
		return []string{idKey(v)}, true
	}
}

// operatorIDKeys reads an operator document on _id: $eq and $in bound the matched set; other
// operators only narrow it, so they pin nothing.
func operatorIDKeys(doc bson.Raw) (keys []string, ok bool) {
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
