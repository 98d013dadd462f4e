// Command ferretdb runs FerretDB 1.24 through its embeddable package, behind a
// write-serialising front.
//
// FerretDB's own cmd/ferretdb refuses to start when built from the module proxy
// (its version file is generated only inside its repository), so the project
// builds this thin wrapper instead: same engine, same wire protocol.
//
// FerretDB 1.24 applies an update as query → modify in Go → write, outside a
// transaction, so two concurrent updates of one document can lose one of them.
// MongoDB guarantees single-document atomicity; to give the application the same
// guarantee locally, FerretDB listens on a private unix socket and this program
// listens on --listen-addr, forwarding the wire protocol (one upstream connection
// per client connection) and holding a lock on the documents a write command
// addresses from the moment it is forwarded until its reply is back (front.go). It also caps
// the requests inside FerretDB at once (--max-in-flight, admission.go), so that statements
// holding one PostgreSQL connection while waiting for another cannot exhaust the pool.
//
// tools/infra.js builds this against a copy of the FerretDB module with patches/*.patch applied
// (a module replace through a generated go.mod): `go build` / `go test` here use the unpatched one.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// options are the command line's settings.
type options struct {
	listen, handler, sqliteURL, postgresURL string
	mode                                    mode
	maxInFlight                             int
}

func main() {
	opts := parseFlags()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	// FerretDB itself listens on a unix socket in a private directory: only the front reaches it
	sockDir, err := os.MkdirTemp("", "ferretdb-front-")
	if err != nil {
		log.Fatalf("ferretdb: %v", err)
	}
	defer os.RemoveAll(sockDir)
	sock := filepath.Join(sockDir, "ferretdb.sock")

	engineDone, err := startEngine(ctx, opts, sock)
	if err != nil {
		log.Fatalf("ferretdb: %v", err)
	}
	serveFront(ctx, stop, opts, sock, engineDone)
	if err := <-engineDone; err != nil {
		log.Fatalf("ferretdb: %v", err)
	}
	log.Printf("ferretdb stopped")
}

func parseFlags() options {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address clients connect to (the serialising front)")
	handler := flag.String("handler", "sqlite", "backend: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite directory URI (sqlite handler)")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL (postgresql handler)")
	serialize := flag.String("serialize", "documents",
		"documents: writes addressed by _id lock those documents, other writes lock their collection; "+
			"all: every write command (inserts, index builds too) takes one global mutex (SQLite's single writer); "+
			"none: forward without locks (measurement only: loses updates)")
	maxInFlight := flag.Int("max-in-flight", 64,
		"most requests forwarded to FerretDB and not yet answered; the others wait in the front, holding no "+
			"PostgreSQL connection (keep it well under half of pool_max_conns: a statement can hold one connection "+
			"while it waits for another); 0: no cap")
	flag.Parse()
	mode, err := parseMode(*serialize)
	if err != nil {
		log.Fatalf("ferretdb: %v", err)
	}
	return options{*listen, *handler, *sqliteURL, *postgresURL, mode, *maxInFlight}
}

// startEngine runs FerretDB on the private socket and returns once it answers there; the
// channel reports the engine's end.
func startEngine(ctx context.Context, opts options, sock string) (<-chan error, error) {
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{Unix: sock},
		Handler:       opts.handler,
		SQLiteURL:     opts.sqliteURL,
		PostgreSQLURL: opts.postgresURL,
	})
	if err != nil {
		return nil, err
	}
	engineDone := make(chan error, 1)
	go func() { engineDone <- f.Run(ctx) }()
	return engineDone, waitForSocket(ctx, sock, engineDone)
}

// serveFront opens the public port (only once the engine answers, so "port open" means ready)
// and forwards to the engine until the context ends or the front fails.
func serveFront(ctx context.Context, stop context.CancelFunc, opts options, sock string, engineDone <-chan error) {
	ln, err := net.Listen("tcp", opts.listen)
	if err != nil {
		stop()
		<-engineDone
		log.Fatalf("ferretdb: %v", err)
	}
	front := newFront(opts.mode, opts.maxInFlight, func() (net.Conn, error) { return net.Dial("unix", sock) })
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	log.Printf("ferretdb listening on %s (handler %s, serialize %s, max in flight %d)",
		opts.listen, opts.handler, opts.mode, opts.maxInFlight)
	serveErr := front.serve(ln)
	if ctx.Err() == nil {
		log.Printf("ferretdb: front stopped: %v", serveErr)
		stop()
	}
	front.closeAll()
}

// waitForSocket polls the engine's unix socket until it accepts a connection.
func waitForSocket(ctx context.Context, sock string, engineDone <-chan error) error {
	deadline := time.Now().Add(60 * time.Second)
	for {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			return nil
		}
		select {
		case err := <-engineDone:
			if err == nil {
				err = errors.New("engine stopped before listening")
			}
			return err
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return errors.New("engine did not listen on its socket within 60 s")
		}
	}
}
