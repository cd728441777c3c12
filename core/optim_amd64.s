//go:build amd64 && !purego

#include "textflag.h"

// Elementwise optimiser updates, AVX2, eight parameters per iteration. Each
// lane performs exactly the float32 operations, in the same order, of the Go
// loops in optim.go (no fused multiply-add), so a parameter gets the same
// bits whichever path updates it. n must be a multiple of 8.

// FLUSH zeroes the lanes of x whose exponent bits are all zero (subnormals),
// like flushSubnormal; Y8 holds the exponent mask, Y9 zero, t is scratch.
#define FLUSH(x, t) \
	VANDPS Y8, x, t \
	VPCMPEQD Y9, t, t \
	VANDNPS x, t, x

// func adamAVX2(n int, params, grads, m, s *float32, c *optimConsts)
TEXT ·adamAVX2(SB), NOSPLIT, $0-48
	MOVQ n+0(FP), CX
	MOVQ params+8(FP), DI
	MOVQ grads+16(FP), SI
	MOVQ m+24(FP), R8
	MOVQ s+32(FP), R9
	MOVQ c+40(FP), AX
	VBROADCASTSS 0(AX), Y0  // weight decay
	VBROADCASTSS 4(AX), Y1  // β1
	VBROADCASTSS 8(AX), Y2  // 1−β1
	VBROADCASTSS 12(AX), Y3 // β2
	VBROADCASTSS 16(AX), Y4 // 1−β2
	VBROADCASTSS 20(AX), Y5 // step size
	VBROADCASTSS 24(AX), Y6 // 1/√(1−β2^t)
	VBROADCASTSS 28(AX), Y7 // ε
	VPBROADCASTD 32(AX), Y8 // exponent mask
	VXORPS Y9, Y9, Y9

adamLoop:
	CMPQ CX, $8
	JLT adamDone
	VMOVUPS (DI), Y10         // p
	VMULPS Y10, Y0, Y11       // wd·p
	VADDPS (SI), Y11, Y11     // g = grad + wd·p
	VMULPS (R8), Y1, Y12      // β1·m
	VMULPS Y11, Y2, Y13       // (1−β1)·g
	VADDPS Y13, Y12, Y12      // m
	FLUSH(Y12, Y14)
	VMOVUPS Y12, (R8)
	VMULPS Y11, Y11, Y13      // g²
	FLUSH(Y13, Y14)
	VMULPS Y13, Y4, Y13       // (1−β2)·g²
	VMULPS (R9), Y3, Y14      // β2·s
	VADDPS Y13, Y14, Y14      // s
	FLUSH(Y14, Y15)
	VMOVUPS Y14, (R9)
	VSQRTPS Y14, Y15
	VMULPS Y6, Y15, Y15
	VADDPS Y7, Y15, Y15       // √s/√(1−β2^t) + ε
	VMULPS Y12, Y5, Y13       // step·m
	VDIVPS Y15, Y13, Y13
	VSUBPS Y13, Y10, Y10
	VMOVUPS Y10, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ $32, R9
	SUBQ $8, CX
	JMP adamLoop

adamDone:
	VZEROUPPER
	RET

// func sgdAVX2(n int, params, grads, v *float32, c *optimConsts)
// Uses c's fields as learning rate (0), momentum (4), weight decay (8) and
// the exponent mask (32).
TEXT ·sgdAVX2(SB), NOSPLIT, $0-40
	MOVQ n+0(FP), CX
	MOVQ params+8(FP), DI
	MOVQ grads+16(FP), SI
	MOVQ v+24(FP), R8
	MOVQ c+32(FP), AX
	VBROADCASTSS 0(AX), Y0  // learning rate
	VBROADCASTSS 4(AX), Y1  // momentum
	VBROADCASTSS 8(AX), Y2  // weight decay
	VPBROADCASTD 32(AX), Y8 // exponent mask
	VXORPS Y9, Y9, Y9

sgdLoop:
	CMPQ CX, $8
	JLT sgdDone
	VMOVUPS (DI), Y10         // p
	VMULPS (R8), Y1, Y11      // μ·v
	VADDPS (SI), Y11, Y11     // + grad
	VMULPS Y10, Y2, Y12       // wd·p
	VADDPS Y12, Y11, Y11      // v
	FLUSH(Y11, Y13)
	VMOVUPS Y11, (R8)
	VMULPS Y11, Y0, Y12       // lr·v
	VSUBPS Y12, Y10, Y10
	VMOVUPS Y10, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	SUBQ $8, CX
	JMP sgdLoop

sgdDone:
	VZEROUPPER
	RET

// func zeroProductSumAVX2(n int, x *float32) float32
// Returns Σ x[i]·0 over n values (a multiple of 8): 0 when every x[i] is
// finite, NaN otherwise (see allFinite).
TEXT ·zeroProductSumAVX2(SB), NOSPLIT, $0-20
	MOVQ n+0(FP), CX
	MOVQ x+8(FP), SI
	VXORPS Y0, Y0, Y0 // the zero factor
	VXORPS Y1, Y1, Y1
	VXORPS Y2, Y2, Y2

zeroBy16:
	CMPQ CX, $16
	JLT zeroBy8
	VMULPS (SI), Y0, Y3
	VMULPS 32(SI), Y0, Y4
	VADDPS Y3, Y1, Y1
	VADDPS Y4, Y2, Y2
	ADDQ $64, SI
	SUBQ $16, CX
	JMP zeroBy16

zeroBy8:
	CMPQ CX, $8
	JLT zeroDone
	VMULPS (SI), Y0, Y3
	VADDPS Y3, Y1, Y1

zeroDone:
	VADDPS Y2, Y1, Y1
	VEXTRACTF128 $1, Y1, X2
	VADDPS X2, X1, X1
	VHADDPS X1, X1, X1
	VHADDPS X1, X1, X1
	VZEROUPPER
	MOVSS X1, ret+16(FP)
	RET

// func addToAVX2(n int, dst, src *float32)
// Sets dst[i] += src[i] for n values (a multiple of 8).
TEXT ·addToAVX2(SB), NOSPLIT, $0-24
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI

addBy32:
	CMPQ CX, $32
	JLT addBy8
	VMOVUPS (DI), Y0
	VMOVUPS 32(DI), Y1
	VMOVUPS 64(DI), Y2
	VMOVUPS 96(DI), Y3
	VADDPS (SI), Y0, Y0
	VADDPS 32(SI), Y1, Y1
	VADDPS 64(SI), Y2, Y2
	VADDPS 96(SI), Y3, Y3
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	ADDQ $128, DI
	ADDQ $128, SI
	SUBQ $32, CX
	JMP addBy32

addBy8:
	CMPQ CX, $8
	JLT addDone
	VMOVUPS (DI), Y0
	VADDPS (SI), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	SUBQ $8, CX
	JMP addBy8

addDone:
	VZEROUPPER
	RET
