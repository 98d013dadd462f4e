package main

import (
	"encoding/binary"
	"hash/crc32"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/FerretDB/wire"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/bson/primitive"
)

type sequence struct {
	identifier string
	docs       []any
}

// opMsgFrame builds a whole OP_MSG (header included) the way drivers send it.
func opMsgFrame(t *testing.T, requestID int32, flags uint32, body any, sequences ...sequence) []byte {
	t.Helper()
	b := make([]byte, headerLen+4)
	binary.LittleEndian.PutUint32(b[4:], uint32(requestID))
	binary.LittleEndian.PutUint32(b[12:], opMsg)
	binary.LittleEndian.PutUint32(b[16:], flags)
	raw, err := bson.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	b = append(append(b, 0), raw...)
	for _, s := range sequences {
		section := []byte{1, 0, 0, 0, 0}
		section = append(append(section, s.identifier...), 0)
		for _, d := range s.docs {
			raw, err := bson.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			section = append(section, raw...)
		}
		binary.LittleEndian.PutUint32(section[1:], uint32(len(section)-1))
		b = append(b, section...)
	}
	if flags&uint32(wire.OpMsgChecksumPresent) != 0 {
		b = append(b, 0, 0, 0, 0)
		binary.LittleEndian.PutUint32(b[0:], uint32(len(b)))
		binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[:len(b)-4], crc32.MakeTable(crc32.Castagnoli)))
		return b
	}
	binary.LittleEndian.PutUint32(b[0:], uint32(len(b)))
	return b
}

func key(db, coll, id string) string { return db + "\x00" + coll + "\x00" + id }

func TestPlans(t *testing.T) {
	oid := primitive.NewObjectID()
	coll := "app\x00orders"
	cases := []struct {
		name      string
		flags     uint32
		body      any
		sequences []sequence
		want      lockPlan
	}{
		{
			name: "update by _id in a document sequence (how drivers send it)",
			body: bson.D{{Key: "update", Value: "orders"}, {Key: "ordered", Value: true}, {Key: "$db", Value: "app"}},
			sequences: []sequence{{"updates", []any{
				bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: "b"}, {Key: "version", Value: 1}}}, {Key: "u", Value: bson.D{{Key: "$set", Value: bson.D{{Key: "version", Value: 2}}}}}},
				bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: "a"}}}, {Key: "u", Value: bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}}}},
			}}},
			want: lockPlan{scope: scopeDocuments, collection: coll, keys: []string{key("app", "orders", "s:a"), key("app", "orders", "s:b")}, command: "update"},
		},
		{
			name:  "update by _id in the body, with the checksum flag",
			flags: uint32(wire.OpMsgChecksumPresent),
			body: bson.D{{Key: "update", Value: "orders"}, {Key: "updates", Value: bson.A{
				bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: oid}}}, {Key: "u", Value: bson.D{}}},
			}}, {Key: "$db", Value: "app"}},
			want: lockPlan{scope: scopeDocuments, collection: coll, keys: []string{key("app", "orders", "o:"+oid.Hex())}, command: "update"},
		},
		{
			name: "_id $in, numbers of any type share a key, duplicates once",
			body: bson.D{{Key: "update", Value: "orders"}, {Key: "$db", Value: "app"}},
			sequences: []sequence{{"updates", []any{
				bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: bson.A{int32(2), int64(1), 1.0}}}}}}},
				bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: bson.D{{Key: "$eq", Value: 2.0}}}}}},
			}}},
			want: lockPlan{scope: scopeDocuments, collection: coll, keys: []string{key("app", "orders", "n:1"), key("app", "orders", "n:2")}, command: "update"},
		},
		{
			name: "updateMany by another field: the collection",
			body: bson.D{{Key: "update", Value: "orders"}, {Key: "$db", Value: "app"}},
			sequences: []sequence{{"updates", []any{
				bson.D{{Key: "q", Value: bson.D{{Key: "status", Value: "open"}}}, {Key: "multi", Value: true}},
			}}},
			want: lockPlan{scope: scopeCollection, collection: coll, command: "update"},
		},
		{
			name: "one statement without _id makes the whole command take the collection",
			body: bson.D{{Key: "update", Value: "orders"}, {Key: "$db", Value: "app"}},
			sequences: []sequence{{"updates", []any{
				bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: "a"}}}},
				bson.D{{Key: "q", Value: bson.D{}}},
			}}},
			want: lockPlan{scope: scopeCollection, collection: coll, command: "update"},
		},
		{
			name: "_id by operator other than $eq/$in, or by regex: the collection",
			body: bson.D{{Key: "delete", Value: "orders"}, {Key: "deletes", Value: bson.A{
				bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: 5}}}}}, {Key: "limit", Value: 0}},
			}}, {Key: "$db", Value: "app"}},
			want: lockPlan{scope: scopeCollection, collection: coll, command: "delete"},
		},
		{
			name: "regex _id: the collection",
			body: bson.D{{Key: "delete", Value: "orders"}, {Key: "$db", Value: "app"}},
			sequences: []sequence{{"deletes", []any{
				bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: primitive.Regex{Pattern: "^a"}}}}, {Key: "limit", Value: 0}},
			}}},
			want: lockPlan{scope: scopeCollection, collection: coll, command: "delete"},
		},
		{
			name: "findAndModify in any case, by _id",
			body: bson.D{{Key: "findandmodify", Value: "orders"}, {Key: "query", Value: bson.D{{Key: "_id", Value: "x"}}}, {Key: "update", Value: bson.D{}}, {Key: "$db", Value: "app"}},
			want: lockPlan{scope: scopeDocuments, collection: coll, keys: []string{key("app", "orders", "s:x")}, command: "findandmodify"},
		},
		{
			name: "findAndModify without a query: the collection",
			body: bson.D{{Key: "findAndModify", Value: "orders"}, {Key: "remove", Value: true}, {Key: "$db", Value: "app"}},
			want: lockPlan{scope: scopeCollection, collection: coll, command: "findandmodify"},
		},
		{
			name: "an embedded-document _id is equality",
			body: bson.D{{Key: "findAndModify", Value: "orders"}, {Key: "query", Value: bson.D{{Key: "_id", Value: bson.D{{Key: "a", Value: 1}}}}}, {Key: "$db", Value: "app"}},
			want: lockPlan{scope: scopeDocuments, collection: coll, keys: []string{key("app", "orders", idKey(bson.RawValue{Type: bson.TypeEmbeddedDocument, Value: mustMarshal(t, bson.D{{Key: "a", Value: 1}})}))}, command: "findandmodify"},
		},
		{
			name:      "reads and inserts take nothing",
			body:      bson.D{{Key: "insert", Value: "orders"}, {Key: "$db", Value: "app"}},
			sequences: []sequence{{"documents", []any{bson.D{{Key: "_id", Value: "a"}}}}},
			want:      lockPlan{command: "insert"},
		},
		{
			name: "find",
			body: bson.D{{Key: "find", Value: "orders"}, {Key: "filter", Value: bson.D{{Key: "_id", Value: "a"}}}, {Key: "$db", Value: "app"}},
			want: lockPlan{command: "find"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			info := inspect(opMsgFrame(t, 7, c.flags, c.body, c.sequences...), modeDocuments)
			if info.requestID != 7 || info.opCode != opMsg {
				t.Fatalf("header: %+v", info)
			}
			if !reflect.DeepEqual(info.plan, c.want) {
				t.Fatalf("plan\n got %+v\nwant %+v", info.plan, c.want)
			}
		})
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := bson.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAllMode(t *testing.T) {
	for cmd, want := range map[string]lockScope{"insert": scopeGlobal, "createIndexes": scopeGlobal, "update": scopeGlobal, "findAndModify": scopeGlobal, "find": scopeNone, "hello": scopeNone} {
		info := inspect(opMsgFrame(t, 1, 0, bson.D{{Key: cmd, Value: "c"}, {Key: "$db", Value: "d"}}), modeAll)
		if info.plan.scope != want {
			t.Errorf("%s: scope %s, want %s", cmd, info.plan.scope, want)
		}
	}
	if info := inspect(opMsgFrame(t, 1, 0, bson.D{{Key: "insert", Value: "c"}}), modeNone); info.plan.scope != scopeNone {
		t.Errorf("none mode locked %s", info.plan.scope)
	}
}

func TestMoreToComeAndOtherOpcodes(t *testing.T) {
	body := bson.D{{Key: "update", Value: "c"}, {Key: "updates", Value: bson.A{bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: 1}}}}}}, {Key: "$db", Value: "d"}}
	if info := inspect(opMsgFrame(t, 1, uint32(wire.OpMsgMoreToCome), body), modeDocuments); !info.moreToCome || info.plan.scope != scopeDocuments {
		t.Errorf("moreToCome: %+v", info)
	}
	frame := opMsgFrame(t, 1, 0, body)
	binary.LittleEndian.PutUint32(frame[12:], 2004) // OP_QUERY: passed through untouched
	if info := inspect(frame, modeDocuments); info.plan.scope != scopeNone {
		t.Errorf("OP_QUERY locked: %+v", info)
	}
}

func TestMalformedNeverPanics(t *testing.T) {
	frame := opMsgFrame(t, 1, 0, bson.D{{Key: "update", Value: "c"}, {Key: "$db", Value: "d"}})
	for cut := headerLen; cut < len(frame); cut++ {
		broken := append([]byte(nil), frame[:cut]...)
		_ = inspect(append(broken, 0xff, 0xff, 0xff), modeDocuments)
	}
}

func TestLocks(t *testing.T) {
	l := newLocks()
	a := lockPlan{scope: scopeDocuments, collection: "d\x00c", keys: []string{"d\x00c\x00s:a"}}
	b := lockPlan{scope: scopeDocuments, collection: "d\x00c", keys: []string{"d\x00c\x00s:b"}}
	whole := lockPlan{scope: scopeCollection, collection: "d\x00c"}

	acquired := func(p lockPlan) <-chan func() {
		ch := make(chan func(), 1)
		go func() { ch <- l.acquire(p) }()
		return ch
	}
	waits := func(ch <-chan func(), what string) {
		t.Helper()
		select {
		case <-ch:
			t.Fatalf("%s acquired while held", what)
		case <-time.After(50 * time.Millisecond):
		}
	}
	gets := func(ch <-chan func(), what string) func() {
		t.Helper()
		select {
		case release := <-ch:
			return release
		case <-time.After(2 * time.Second):
			t.Fatalf("%s not acquired", what)
			return nil
		}
	}

	// documents: the same one waits, another does not
	releaseA := l.acquire(a)
	againA := acquired(a)
	waits(againA, "a")
	gets(acquired(b), "b")()
	releaseA()
	gets(againA, "a after its release")()

	// the collection waits for its documents, and they for it
	releaseA = l.acquire(a)
	collection := acquired(whole)
	waits(collection, "the collection")
	releaseA()
	releaseWhole := gets(collection, "the collection")
	laterA := acquired(a)
	waits(laterA, "a under the collection lock")
	releaseWhole()
	gets(laterA, "a after the collection")()

	if c, d := l.size(); c != 0 || d != 0 {
		t.Fatalf("entries left: %d collections, %d documents", c, d)
	}
}

func TestLocksUnderContention(t *testing.T) {
	l := newLocks()
	plans := []lockPlan{
		{scope: scopeDocuments, collection: "d\x00c", keys: []string{"d\x00c\x00n:1", "d\x00c\x00n:2"}},
		{scope: scopeDocuments, collection: "d\x00c", keys: []string{"d\x00c\x00n:2"}},
		{scope: scopeCollection, collection: "d\x00c"},
		{scope: scopeDocuments, collection: "d\x00c", keys: []string{"d\x00c\x00n:1"}},
	}
	counters := map[string]*int{"d\x00c\x00n:1": new(int), "d\x00c\x00n:2": new(int), "all": new(int)} // read-only map
	var wg sync.WaitGroup
	for i := 0; i < 400; i++ {
		wg.Add(1)
		go func(p lockPlan) {
			defer wg.Done()
			release := l.acquire(p)
			defer release()
			for _, k := range p.keys { // a racy read-modify-write, made safe only by the lock
				*counters[k]++
			}
			if p.scope == scopeCollection {
				*counters["all"]++
			}
		}(plans[i%len(plans)])
	}
	wg.Wait()
	if *counters["d\x00c\x00n:1"] != 200 || *counters["d\x00c\x00n:2"] != 200 || *counters["all"] != 100 {
		t.Fatalf("counters %d %d %d", *counters["d\x00c\x00n:1"], *counters["d\x00c\x00n:2"], *counters["all"])
	}
	if c, d := l.size(); c != 0 || d != 0 {
		t.Fatalf("entries left: %d collections, %d documents", c, d)
	}
}
