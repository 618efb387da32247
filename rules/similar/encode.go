package similar

import (
	"encoding/binary"
	"errors"
	"time"
)

// sketchMagic starts every encoded sketch; its last byte is the format
// version.
const sketchMagic = "CDS2"

var errSketch = errors.New("damaged sketch")

// MarshalBinary encodes the sketch compactly (about four bytes per word of
// body) for the archive index.
func (s *Sketch) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 64+len(s.Path)+4*len(s.Bands)+4*len(s.Seq)+24*len(s.Paras))
	b = append(b, sketchMagic...)
	b = binary.AppendUvarint(b, uint64(len(s.Path)))
	b = append(b, s.Path...)
	var date int64
	if !s.Date.IsZero() {
		date = s.Date.Unix()
	}
	b = binary.AppendVarint(b, date)
	b = binary.AppendUvarint(b, uint64(s.Words))
	b = binary.LittleEndian.AppendUint64(b, s.BodyHash)
	b = binary.LittleEndian.AppendUint64(b, s.Simhash)
	b = binary.AppendUvarint(b, uint64(s.BodyStart))
	b = binary.AppendUvarint(b, uint64(s.BodyEnd))
	b = binary.AppendUvarint(b, uint64(len(s.Bands)))
	for _, v := range s.Bands {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Seq)))
	for _, v := range s.Seq {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(s.Paras)))
	for _, p := range s.Paras {
		b = binary.LittleEndian.AppendUint64(b, p.Hash)
		b = binary.AppendUvarint(b, uint64(p.Start))
		b = binary.AppendUvarint(b, uint64(p.End-p.Start))
		b = binary.AppendUvarint(b, uint64(p.Words))
		body := byte(0)
		if p.Body {
			body = 1
		}
		b = append(b, body)
		b = binary.AppendUvarint(b, uint64(p.SeqStart))
		b = binary.AppendUvarint(b, uint64(p.SeqEnd-p.SeqStart))
	}
	return b, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > 1<<40 {
		d.err = errSketch
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errSketch
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.err = errSketch
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) u64() uint64 {
	if v := d.bytes(8); v != nil {
		return binary.LittleEndian.Uint64(v)
	}
	return 0
}

// count reads a length whose elements take at least size bytes each, so a
// damaged length cannot ask for a huge allocation.
func (d *decoder) count(size int) int {
	n := d.uvarint()
	if d.err == nil && n*size > len(d.b) {
		d.err = errSketch
		return 0
	}
	return n
}

// UnmarshalBinary decodes a sketch written by MarshalBinary; damaged input
// is an error, never a panic.
func (s *Sketch) UnmarshalBinary(data []byte) error {
	if len(data) < len(sketchMagic) || string(data[:len(sketchMagic)]) != sketchMagic {
		return errSketch
	}
	d := &decoder{b: data[len(sketchMagic):]}
	var out Sketch
	out.Path = string(d.bytes(d.count(1)))
	if date := d.varint(); date != 0 {
		out.Date = time.Unix(date, 0).UTC()
	}
	out.Words = d.uvarint()
	out.BodyHash = d.u64()
	out.Simhash = d.u64()
	out.BodyStart = d.uvarint()
	out.BodyEnd = d.uvarint()
	if n := d.count(4); n > 0 {
		raw := d.bytes(4 * n)
		out.Bands = make([]uint32, n)
		for i := range out.Bands {
			out.Bands[i] = binary.LittleEndian.Uint32(raw[4*i:])
		}
	}
	if n := d.count(4); n > 0 {
		raw := d.bytes(4 * n)
		out.Seq = make([]uint32, n)
		for i := range out.Seq {
			out.Seq[i] = binary.LittleEndian.Uint32(raw[4*i:])
		}
	}
	n := d.count(13)
	out.Paras = make([]Para, 0, n)
	for range n {
		var p Para
		p.Hash = d.u64()
		p.Start = d.uvarint()
		p.End = p.Start + d.uvarint()
		p.Words = d.uvarint()
		flag := d.bytes(1)
		p.Body = len(flag) == 1 && flag[0] == 1
		p.SeqStart = d.uvarint()
		p.SeqEnd = p.SeqStart + d.uvarint()
		if d.err == nil && (p.SeqEnd > len(out.Seq) || p.End < p.Start) {
			d.err = errSketch
		}
		out.Paras = append(out.Paras, p)
	}
	if d.err != nil || len(d.b) != 0 || (out.Words > 0) != (len(out.Bands) == Bands) {
		return errSketch
	}
	*s = out
	return nil
}
