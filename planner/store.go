package planner

import "context"

// Import describes one import of an input file.
type Import struct {
	Kind    string // "parcels" or "proposals"
	File    string // file name as the user gave it
	SHA256  string // hex SHA-256 of the file's bytes
	CRS     string // for parcels: the CRS the user named ("" = lon/lat)
	Replace bool   // replace records with the same ids instead of refusing
}

// ParcelStore keeps the parcels of the land pool.
type ParcelStore interface {
	// PutParcels stores ps in one transaction: all or nothing. Without
	// imp.Replace an id that is already stored is a KindConflict error
	// naming the id; with it, stored parcels with the same ids are replaced.
	PutParcels(ctx context.Context, imp Import, ps []Parcel) error
	// Parcels returns every stored parcel, ordered by id.
	Parcels(ctx context.Context) ([]Parcel, error)
}

// ProposalStore keeps the project proposals.
type ProposalStore interface {
	// PutProposals stores ps in one transaction, with the same rules as
	// PutParcels.
	PutProposals(ctx context.Context, imp Import, ps []Proposal) error
	// Proposals returns every stored proposal, ordered by id.
	Proposals(ctx context.Context) ([]Proposal, error)
}
