package main

import (
	"bufio"
	"encoding/binary"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/FerretDB/wire"
	"go.mongodb.org/mongo-driver/bson"
)

func findAll(t *testing.T, requestID int32) []byte {
	return opMsgFrame(t, requestID, 0, bson.D{{Key: "find", Value: "c"}, {Key: "$db", Value: "d"}})
}

func TestAdmissionCapsAndReleasesOnce(t *testing.T) {
	a := newAdmission(2)
	r1, r2 := a.acquire(), a.acquire()
	got := make(chan func(), 1)
	go func() { got <- a.acquire() }()
	select {
	case <-got:
		t.Fatal("a third slot was handed out with a cap of 2")
	case <-time.After(50 * time.Millisecond):
	}
	r1()
	r1() // a second call must not free a slot it no longer holds
	r3 := <-got
	go func() { got <- a.acquire() }()
	select {
	case <-got:
		t.Fatal("releasing one slot twice freed two")
	case <-time.After(50 * time.Millisecond):
	}
	r2()
	(<-got)()
	r3()
	if a.waited.Load() != 2 || a.highest.Load() != 2 || a.held.Load() != 0 {
		t.Fatalf("waited %d, highest %d, held %d; want 2, 2, 0", a.waited.Load(), a.highest.Load(), a.held.Load())
	}
	free := newAdmission(0) // no cap
	for i := 0; i < 1000; i++ {
		free.acquire()
	}
}

func TestFrontCapsRequestsInFlight(t *testing.T) {
	u := newFakeUpstream(t)
	_, addr := startFrontCapped(t, u, 3)

	clients := make([]net.Conn, 6)
	for i := range clients {
		clients[i], _ = dial(t, addr)
	}
	inFlight := map[int32]upstreamRequest{}
	arrives := func(want ...int32) upstreamRequest {
		t.Helper()
		r := u.next(t)
		for _, id := range want {
			if r.requestID == id {
				inFlight[r.requestID] = r
				return r
			}
		}
		t.Fatalf("got request %d, want one of %v", r.requestID, want)
		return r
	}
	answer := func(id int32) {
		t.Helper()
		inFlight[id].reply(t)
		delete(inFlight, id)
	}

	// distinct documents and a read: no lock stands in the way, only the cap
	clients[0].Write(updateByID(t, 1, 0, "a"))
	clients[1].Write(updateByID(t, 2, 0, "b"))
	clients[2].Write(findAll(t, 3))
	for i := 0; i < 3; i++ {
		arrives(1, 2, 3)
	}
	clients[3].Write(updateByID(t, 4, 0, "d"))
	clients[4].Write(findAll(t, 5))
	u.none(t) // three in flight: the fourth and fifth wait in the front

	answer(1) // a reply frees one slot: exactly one more goes through
	first := arrives(4, 5)
	u.none(t)

	// a client that goes away frees the slot of its unanswered request
	clients[1].Close()
	delete(inFlight, 2)
	arrives(9 - first.requestID)
	u.none(t)

	// a moreToCome request holds its slot until FerretDB (which answers every request) replies...
	answer(4)
	clients[5].Write(updateByID(t, 6, uint32(wire.OpMsgMoreToCome), "f"))
	arrives(6)
	clients[0].Write(updateByID(t, 7, 0, "g"))
	u.none(t) // 3, 5 and 6 are in flight
	answer(6)
	arrives(7)
	// ... while its document lock went when it was forwarded
	clients[3].Write(updateByID(t, 8, 0, "f"))
	u.none(t) // 3, 5 and 7
	answer(3)
	arrives(8)
}

func TestFrontTakesSlotsAfterLocks(t *testing.T) {
	u := newFakeUpstream(t)
	_, addr := startFrontCapped(t, u, 2)
	a, _ := dial(t, addr)
	b, _ := dial(t, addr)
	c, _ := dial(t, addr)
	d, _ := dial(t, addr)

	a.Write(updateByID(t, 1, 0, "x"))
	first := u.next(t)
	b.Write(updateByID(t, 2, 0, "x")) // waits for x's lock, holding no slot
	u.none(t)
	c.Write(updateByID(t, 3, 0, "y")) // so the second slot is free for y
	third := u.next(t)
	if third.requestID != 3 {
		t.Fatalf("got request %d, want 3", third.requestID)
	}
	d.Write(updateByID(t, 4, 0, "z")) // both slots taken
	u.none(t)

	first.reply(t) // frees x and a slot: b (x) and d (z) compete for the one slot
	next := u.next(t)
	u.none(t)
	third.reply(t)
	last := u.next(t)
	if next.requestID+last.requestID != 6 {
		t.Fatalf("got requests %d and %d, want 2 and 4", next.requestID, last.requestID)
	}
}

// Many clients, an upstream that answers after a while: never more than the cap inside, every
// request answered, nothing left held.
func TestFrontCapUnderLoad(t *testing.T) {
	const maxInFlight, clients, perClient = 8, 40, 25
	u := newFakeUpstream(t)
	var mu sync.Mutex
	inside, most := 0, 0
	go func() {
		for r := range u.requests {
			mu.Lock()
			inside++
			most = max(most, inside)
			mu.Unlock()
			go func(r upstreamRequest) {
				time.Sleep(time.Millisecond)
				mu.Lock()
				inside--
				mu.Unlock()
				frame := opMsgFrame(t, 1000+r.requestID, 0, bson.D{{Key: "ok", Value: 1.0}})
				binary.LittleEndian.PutUint32(frame[8:], uint32(r.requestID))
				r.conn.Write(frame)
			}(r)
		}
	}()
	f, addr := startFrontCapped(t, u, maxInFlight)

	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				errs <- err
				return
			}
			defer c.Close()
			r := bufio.NewReader(c)
			for j := 0; j < perClient; j++ {
				id := int32(i*perClient + j + 1)
				frame := updateByID(t, id, 0, string(rune('a'+j%5))) // shared documents too
				if j%3 == 0 {
					frame = findAll(t, id)
				}
				if _, err := c.Write(frame); err != nil {
					errs <- err
					return
				}
				reply, err := readFrame(r)
				if err != nil {
					errs <- err
					return
				}
				if got := int32(binary.LittleEndian.Uint32(reply[8:12])); got != id {
					t.Errorf("reply to %d, want %d", got, id)
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if h := f.admit.highest.Load(); h > maxInFlight || h == 0 {
		t.Fatalf("at most %d slots held at once, cap %d", h, maxInFlight)
	}
	mu.Lock()
	defer mu.Unlock()
	if most > maxInFlight {
		t.Fatalf("%d requests inside upstream at once, cap %d", most, maxInFlight)
	}
	if f.admit.held.Load() != 0 {
		t.Fatalf("%d slots still held", f.admit.held.Load())
	}
	if collections, documents := f.locks.size(); collections+documents != 0 {
		t.Fatalf("locks left: %d collections, %d documents", collections, documents)
	}
}
