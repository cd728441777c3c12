package core

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// gemmBenchShape is one product of the benchmark suite: op(a) is (m, k),
// op(b) is (k, n).
type gemmBenchShape struct {
	name           string
	m, n, k        int
	transA, transB bool
}

// gemmBenchShapes derives, from each layer size batch×in×out of the
// training workloads, the three products of a dense layer with weights W of
// shape (in, out): forward y = x·W, weight gradient dW = xᵀ·dy and input
// gradient dx = dy·Wᵀ.
func gemmBenchShapes() []gemmBenchShape {
	layers := [][3]int{
		{64, 64, 128}, {64, 128, 128}, {64, 128, 10}, {32, 256, 64}, {32, 64, 256},
		{64, 256, 256}, {64, 256, 1}, {256, 784, 512}, {256, 512, 512}, {256, 512, 10},
	}
	var shapes []gemmBenchShape
	for _, l := range layers {
		batch, in, out := l[0], l[1], l[2]
		size := fmt.Sprintf("%dx%dx%d", batch, in, out)
		shapes = append(shapes,
			gemmBenchShape{"fwd-" + size, batch, out, in, false, false},
			gemmBenchShape{"dW-" + size, in, out, batch, true, false},
			gemmBenchShape{"dx-" + size, batch, in, out, false, true},
		)
	}
	return append(shapes,
		gemmBenchShape{"square-256", 256, 256, 256, false, false},
		gemmBenchShape{"square-1024", 1024, 1024, 1024, false, false},
	)
}

// BenchmarkGemm measures Gemm against gonum's blas32.Gemm on the same
// operands, side by side, reporting GFLOP/s (2·m·n·k per product) so the
// ratio reads off one run:
//
//	go test ./core/ -run '^$' -bench 'Gemm/' -benchtime 200ms -cpu 1
func BenchmarkGemm(b *testing.B) {
	for _, s := range gemmBenchShapes() {
		rng := NewRNG(3)
		x, y := gemmPaddedView(rng, s.m, s.k), gemmPaddedView(rng, s.k, s.n)
		if s.transA {
			x = gemmPaddedView(rng, s.k, s.m)
		}
		if s.transB {
			y = gemmPaddedView(rng, s.n, s.k)
		}
		out := NewMat(s.m, s.n)
		flops := 2 * float64(s.m) * float64(s.n) * float64(s.k)
		b.Run(s.name+"/ours", func(b *testing.B) {
			cpu := processCPUSeconds()
			for b.Loop() {
				Gemm(s.transA, s.transB, 1, x, y, 0, out)
			}
			reportGFlops(b, flops, cpu)
		})
		b.Run(s.name+"/blas32", func(b *testing.B) {
			cpu := processCPUSeconds()
			for b.Loop() {
				blas32.Gemm(benchTrans(s.transA), benchTrans(s.transB), 1,
					benchGeneral(x), benchGeneral(y), 0, benchGeneral(out))
			}
			reportGFlops(b, flops, cpu)
		})
	}
}

// BenchmarkGemmKernels runs each available micro-kernel through the blocked
// driver on two representative shapes.
func BenchmarkGemmKernels(b *testing.B) {
	for _, g := range gemmKernels {
		for _, size := range []int{64, 256} {
			rng := NewRNG(5)
			x, y, out := gemmPaddedView(rng, size, size), gemmPaddedView(rng, size, size), NewMat(size, size)
			b.Run(fmt.Sprintf("%s/%d", g.name, size), func(b *testing.B) {
				cpu := processCPUSeconds()
				for b.Loop() {
					gemmWith(g, false, false, 1, x, y, 0, out)
				}
				reportGFlops(b, 2*float64(size*size*size), cpu)
			})
		}
	}
}

// reportGFlops reports GFLOP/s over wall time and, when the process CPU
// time at the start (cpuStart) is known, over CPU time: the second is the
// steadier figure when other work shares the machine. Run with -cpu 1 so
// that blas32, which may spread a product over goroutines, is measured on
// one core like Gemm.
func reportGFlops(b *testing.B, flopsPerOp float64, cpuStart float64) {
	work := flopsPerOp * float64(b.N) / 1e9
	b.ReportMetric(work/b.Elapsed().Seconds(), "GFLOP/s")
	if cpuStart > 0 {
		b.ReportMetric(work/(processCPUSeconds()-cpuStart), "GFLOP/cpu-s")
	}
}

func benchTrans(t bool) blas.Transpose {
	if t {
		return blas.Trans
	}
	return blas.NoTrans
}

func benchGeneral(x *Mat) blas32.General {
	return blas32.General{Rows: x.Rows, Cols: x.Cols, Stride: x.Stride, Data: x.Data}
}
