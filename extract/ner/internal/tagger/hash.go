package tagger

// Features are 32-bit hashes: FNV-1a over a kind byte and the feature's
// bytes, finished with the murmur3 mixer so that the low bits, which pick
// the weight row, are well spread. No feature string is ever built.

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// Feature kinds. Their values are part of the model format: renumbering
// them invalidates trained models.
const (
	kWord uint32 = 1 + iota
	kFold
	kPrefix // + rune count 1–4 in the value
	kSuffix
	kShape
	kFlag
	kLen
	kStem
	kProclitic
	kStemFlag
	kEnclitic
	kEncStem
	kLex
	kPoss
	kNeigh // base feature mixed with the offset
	kPos
	kPosCase
	kGaz
	kGazType
	kTitleCtx
	kBigramL
	kBigramR
	kDocCase
	kDocType
	kDocType2
	kDocMajor
	kOwn
	kKey
	kBOS
	kEOS
	kBias
	kTrigram
	kCluster
	kStemCluster
)

func fmix(h uint32) uint32 {
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// hstr hashes kind and the bytes of s.
func hstr(kind uint32, s string) uint32 {
	h := uint32(fnvOffset)
	h = (h ^ kind) * fnvPrime
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return fmix(h)
}

// hval hashes kind and a small value.
func hval(kind, v uint32) uint32 {
	h := uint32(fnvOffset)
	h = (h ^ kind) * fnvPrime
	h = (h ^ 0xff) * fnvPrime // keeps hval(k, v) apart from hstr(k, "\x..")
	h = (h ^ (v & 0xff)) * fnvPrime
	h = (h ^ (v >> 8)) * fnvPrime
	return fmix(h)
}

// mix combines two hashes into a third, order-sensitive.
func mix(a, b uint32) uint32 {
	return fmix(a*0x9e3779b1 ^ (b + 0x7f4a7c15 + a<<6 + a>>2))
}

// hvTable holds hval for the small kinds and values positional features
// use on every token.
var hvTable [kStemCluster + 1][512]uint32

func init() {
	for k := range hvTable {
		for v := range hvTable[k] {
			hvTable[k][v] = hval(uint32(k), uint32(v))
		}
	}
}

// hv is hval through hvTable.
func hv(kind, v uint32) uint32 {
	if int(kind) < len(hvTable) && v < 512 {
		return hvTable[kind][v]
	}
	return hval(kind, v)
}
