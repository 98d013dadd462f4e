package main

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/FerretDB/wire"
	"go.mongodb.org/mongo-driver/bson"
)

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
