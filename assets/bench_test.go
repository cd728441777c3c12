package assets

import (
	"bytes"
	"testing"
)

func BenchmarkDecodeDigits(b *testing.B) {
	for b.Loop() {
		if _, err := loadDigits(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeChemTasks(b *testing.B) {
	for b.Loop() {
		if _, err := loadChemTasks(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadCSVBreastCancer(b *testing.B) {
	raw, err := files.ReadFile("data/breast_cancer.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := LoadCSV(bytes.NewReader(raw), "breast_cancer", "diagnosis"); err != nil {
			b.Fatal(err)
		}
	}
}
