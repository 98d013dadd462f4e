package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"sync"
)

// front accepts client connections and forwards each to its own upstream (FerretDB)
// connection, message by message. A write command takes its locks (plan.go, locks.go) before
// it is forwarded and keeps them until FerretDB's reply to it (responseTo == its requestID)
// has come back, so FerretDB's read → modify → write of one document never interleaves with
// another write of that document. Every request then takes a slot of the admission cap
// (admission.go) until its reply, so no more than --max-in-flight requests are inside FerretDB at
// once.
type front struct {
	mode  mode
	dial  func() (net.Conn, error)
	locks *locks
	admit *admission

	mu       sync.Mutex
	sessions map[*session]struct{}
	closed   bool
}

// newFront returns a front; maxInFlight <= 0 forwards without a cap.
func newFront(m mode, maxInFlight int, dial func() (net.Conn, error)) *front {
	return &front{mode: m, dial: dial, locks: newLocks(), admit: newAdmission(maxInFlight), sessions: map[*session]struct{}{}}
}

// serve accepts until ln is closed.
func (f *front) serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			return err
		}
		go f.handle(conn)
	}
}

// closeAll closes every connection (shutdown).
func (f *front) closeAll() {
	f.mu.Lock()
	f.closed = true
	sessions := make([]*session, 0, len(f.sessions))
	for s := range f.sessions {
		sessions = append(sessions, s)
	}
	f.mu.Unlock()
	for _, s := range sessions {
		s.close()
	}
}

// session is one client connection and its upstream connection.
type session struct {
	client, upstream net.Conn

	mu      sync.Mutex
	pending map[int32]func() // requestID → release of the locks and the slot its request holds
	done    bool
	once    sync.Once
}

func (f *front) handle(client net.Conn) {
	upstream, err := f.dial()
	if err != nil {
		log.Printf("front: cannot reach FerretDB: %v", err)
		client.Close()
		return
	}
	s := &session{client: client, upstream: upstream, pending: map[int32]func(){}}
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		s.close()
		return
	}
	f.sessions[s] = struct{}{}
	f.mu.Unlock()

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		f.replies(s)
	}()
	f.requests(s)
	wg.Wait()

	f.mu.Lock()
	delete(f.sessions, s)
	f.mu.Unlock()
}

// requests forwards client → FerretDB, taking locks for writes, then an admission slot.
func (f *front) requests(s *session) {
	defer s.close()
	r := bufio.NewReaderSize(s.client, 64<<10)
	for {
		frame, err := readFrame(r)
		if err != nil {
			return
		}
		info := inspect(frame, f.mode)
		unlock := f.locks.acquire(info.plan) // nil: nothing to lock
		free := f.admit.acquire()            // after the locks: a request waiting for one holds no slot

		// The slot is held until the reply. FerretDB 1.24 answers every request, moreToCome ones
		// included (its clientconn ignores the flag), and handles one request of a connection at
		// a time, so the reply is when FerretDB is done with it. The document locks of a
		// moreToCome request are released once it is forwarded, as a client sending one expects
		// no reply and may send its next request at once.
		release := free
		if unlock != nil && !info.moreToCome {
			release = func() { unlock(); free() }
		}
		// registered before forwarding, so a reply can never arrive before its release does
		if !s.hold(info.requestID, release) {
			if unlock != nil && info.moreToCome {
				unlock()
			}
			return
		}
		_, err = s.upstream.Write(frame)
		if unlock != nil && info.moreToCome {
			unlock()
		}
		if err != nil {
			return // close releases what is pending
		}
	}
}

// replies forwards FerretDB → client, releasing a request's locks when its reply arrives.
func (f *front) replies(s *session) {
	defer s.close()
	r := bufio.NewReaderSize(s.upstream, 64<<10)
	for {
		frame, err := readFrame(r)
		if err != nil {
			return
		}
		responseTo := int32(binary.LittleEndian.Uint32(frame[8:12]))
		if release := s.take(responseTo); release != nil {
			release()
		}
		if _, err := s.client.Write(frame); err != nil {
			return
		}
	}
}

func (s *session) hold(requestID int32, release func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done {
		release()
		return false
	}
	if previous := s.pending[requestID]; previous != nil { // a reused id: never leak a lock
		previous()
	}
	s.pending[requestID] = release
	return true
}

func (s *session) take(responseTo int32) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	release := s.pending[responseTo]
	delete(s.pending, responseTo)
	return release
}

// close closes both connections and releases every lock still held for this connection.
func (s *session) close() {
	s.once.Do(func() {
		s.client.Close()
		s.upstream.Close()
		s.mu.Lock()
		s.done = true
		pending := s.pending
		s.pending = nil
		s.mu.Unlock()
		for _, release := range pending {
			release()
		}
	})
}

// readFrame reads one whole wire message, header included.
func readFrame(r *bufio.Reader) ([]byte, error) {
	var header [headerLen]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int(int32(binary.LittleEndian.Uint32(header[0:4])))
	if length < headerLen || length > maxMsgLen {
		return nil, fmt.Errorf("invalid message length %d", length)
	}
	frame := make([]byte, length)
	copy(frame, header[:])
	if _, err := io.ReadFull(r, frame[headerLen:]); err != nil {
		return nil, err
	}
	return frame, nil
}
