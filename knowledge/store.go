package knowledge

import "sync/atomic"

// Store holds the library in use. A reload builds a new Library and swaps it
// in, so a request that called Current once keeps a consistent library
// however many reloads happen while it runs.
type Store struct {
	p atomic.Pointer[Library]
}

// NewStore returns a Store serving lib.
func NewStore(lib *Library) *Store {
	s := &Store{}
	s.p.Store(lib)
	return s
}

// Current returns the library in use. Call it once per request.
func (s *Store) Current() *Library { return s.p.Load() }

// Swap puts lib in use and returns the library it replaces.
func (s *Store) Swap(lib *Library) *Library { return s.p.Swap(lib) }
