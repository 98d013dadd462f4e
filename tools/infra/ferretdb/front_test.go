package main

import (
	"bufio"
	"encoding/binary"
	"net"
	"testing"
	"time"

	"github.com/FerretDB/wire"
	"go.mongodb.org/mongo-driver/bson"
)

// fakeUpstream stands in for FerretDB: it hands each request it reads to the test, which
// decides when (and whether) to answer it.
type fakeUpstream struct {
	ln       net.Listener
	requests chan upstreamRequest
}

type upstreamRequest struct {
	conn      net.Conn
	requestID int32
}

func newFakeUpstream(t *testing.T) *fakeUpstream {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := &fakeUpstream{ln: ln, requests: make(chan upstreamRequest, 16)}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				r := bufio.NewReader(conn)
				for {
					frame, err := readFrame(r)
					if err != nil {
						return
					}
					u.requests <- upstreamRequest{conn: conn, requestID: int32(binary.LittleEndian.Uint32(frame[4:8]))}
				}
			}()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return u
}

func (u *fakeUpstream) next(t *testing.T) upstreamRequest {
	t.Helper()
	select {
	case r := <-u.requests:
		return r
	case <-time.After(2 * time.Second):
		t.Fatal("no request reached upstream")
		return upstreamRequest{}
	}
}

func (u *fakeUpstream) none(t *testing.T) {
	t.Helper()
	select {
	case r := <-u.requests:
		t.Fatalf("request %d reached upstream while its document was locked", r.requestID)
	case <-time.After(100 * time.Millisecond):
	}
}

// reply answers a request with {ok: 1}.
func (r upstreamRequest) reply(t *testing.T) {
	t.Helper()
	frame := opMsgFrame(t, 1000+r.requestID, 0, bson.D{{Key: "ok", Value: 1.0}})
	binary.LittleEndian.PutUint32(frame[8:], uint32(r.requestID))
	if _, err := r.conn.Write(frame); err != nil {
		t.Fatal(err)
	}
}

func startFront(t *testing.T, u *fakeUpstream) (*front, string) {
	t.Helper()
	return startFrontCapped(t, u, 0)
}

func startFrontCapped(t *testing.T, u *fakeUpstream, maxInFlight int) (*front, string) {
	t.Helper()
	f := newFront(modeDocuments, maxInFlight, func() (net.Conn, error) { return net.Dial("tcp", u.ln.Addr().String()) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go f.serve(ln)
	t.Cleanup(func() { ln.Close(); f.closeAll() })
	return f, ln.Addr().String()
}

func dial(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, bufio.NewReader(c)
}

func updateByID(t *testing.T, requestID int32, flags uint32, id string) []byte {
	return opMsgFrame(t, requestID, flags, bson.D{{Key: "update", Value: "c"}, {Key: "$db", Value: "d"}},
		sequence{"updates", []any{bson.D{{Key: "q", Value: bson.D{{Key: "_id", Value: id}}}, {Key: "u", Value: bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: 1}}}}}}}})
}

func TestFrontHoldsTheDocumentUntilTheReply(t *testing.T) {
	u := newFakeUpstream(t)
	_, addr := startFront(t, u)
	a, ar := dial(t, addr)
	b, br := dial(t, addr)
	c, _ := dial(t, addr)

	a.Write(updateByID(t, 1, 0, "x"))
	first := u.next(t)
	b.Write(updateByID(t, 2, 0, "x")) // same document: waits
	u.none(t)
	c.Write(updateByID(t, 3, 0, "y")) // another document: goes through
	if r := u.next(t); r.requestID != 3 {
		t.Fatalf("got request %d, want 3", r.requestID)
	}

	first.reply(t)
	if reply, err := readFrame(ar); err != nil || int32(binary.LittleEndian.Uint32(reply[8:12])) != 1 {
		t.Fatalf("reply to a: %v", err)
	}
	second := u.next(t) // released by the reply
	if second.requestID != 2 {
		t.Fatalf("got request %d, want 2", second.requestID)
	}
	second.reply(t)
	if _, err := readFrame(br); err != nil {
		t.Fatal(err)
	}
	b.Close()
	c.Close()

	// a client that goes away releases what it holds
	a.Write(updateByID(t, 4, 0, "z"))
	u.next(t) // never answered
	a.Close()
	d, _ := dial(t, addr)
	d.Write(updateByID(t, 5, 0, "z"))
	if r := u.next(t); r.requestID != 5 {
		t.Fatalf("got request %d, want 5", r.requestID)
	}

	// moreToCome: the client expects no reply, so its document locks go once it is forwarded
	d.Write(updateByID(t, 6, uint32(wire.OpMsgMoreToCome), "w"))
	u.next(t)
	e, _ := dial(t, addr)
	e.Write(updateByID(t, 7, 0, "w"))
	if r := u.next(t); r.requestID != 7 {
		t.Fatalf("got request %d, want 7", r.requestID)
	}
}

func TestFrontPassesOtherOpcodesThrough(t *testing.T) {
	u := newFakeUpstream(t)
	_, addr := startFront(t, u)
	a, _ := dial(t, addr)
	frame := updateByID(t, 1, 0, "x")
	binary.LittleEndian.PutUint32(frame[12:], 2004) // OP_QUERY
	a.Write(frame)
	u.next(t)
	a.Write(updateByID(t, 2, 0, "x")) // nothing was locked by the OP_QUERY
	u.next(t)
}
