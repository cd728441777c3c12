//go:build amd64 && !purego

#include "textflag.h"

// Sigmoid and tanh of v = src + bias, AVX2, eight values per iteration.
// Each lane performs exactly the float32 operations of fastExp,
// fastSigmoid and fastTanh in fastmath.go, in the same order and without
// fused multiply-adds, so both paths give the same bits. Constants come from
// activationConsts (eight copies of each, 32 bytes apart; see
// activation_amd64.go for the slots). n must be a multiple of 8; bias may be
// nil.

// EXP sets Y6 = fastExp(Y1); AX points at the constants. Uses Y2–Y5.
#define EXP \
	VMOVUPS 288(AX), Y2 \
	VMINPS Y1, Y2, Y1 \
	VCMPPS $0x11, 320(AX), Y1, Y3 \
	VMULPS 0(AX), Y1, Y4 \
	VADDPS 32(AX), Y4, Y4 \
	VROUNDPS $1, Y4, Y4 \
	VCVTPS2DQ Y4, Y5 \
	VPADDD 352(AX), Y5, Y5 \
	VPSLLD $23, Y5, Y5 \
	VMULPS 64(AX), Y4, Y2 \
	VSUBPS Y2, Y1, Y1 \
	VMULPS 96(AX), Y4, Y2 \
	VSUBPS Y2, Y1, Y1 \
	VMULPS 128(AX), Y1, Y6 \
	VADDPS 160(AX), Y6, Y6 \
	VMULPS Y1, Y6, Y6 \
	VADDPS 192(AX), Y6, Y6 \
	VMULPS Y1, Y6, Y6 \
	VADDPS 224(AX), Y6, Y6 \
	VMULPS Y1, Y6, Y6 \
	VADDPS 32(AX), Y6, Y6 \
	VMULPS Y1, Y6, Y6 \
	VADDPS 256(AX), Y6, Y6 \
	VMULPS Y1, Y6, Y6 \
	VADDPS 256(AX), Y6, Y6 \
	VMULPS Y5, Y6, Y6 \
	VANDNPS Y6, Y3, Y6

// func sigmoidAVX2(n int, dst, src, bias *float32, c *activationConsts)
TEXT ·sigmoidAVX2(SB), NOSPLIT, $0-40
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
	MOVQ bias+24(FP), DX
	MOVQ c+32(FP), AX

sigmoidLoop:
	CMPQ CX, $8
	JLT sigmoidDone
	VMOVUPS (SI), Y0
	TESTQ DX, DX
	JZ sigmoidNoBias
	VADDPS (DX), Y0, Y0
	ADDQ $32, DX

sigmoidNoBias:
	VXORPS 416(AX), Y0, Y1 // x = −v
	EXP
	VADDPS 256(AX), Y6, Y6 // 1 + e
	VMOVUPS 256(AX), Y7
	VDIVPS Y6, Y7, Y7
	VMOVUPS Y7, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	SUBQ $8, CX
	JMP sigmoidLoop

sigmoidDone:
	VZEROUPPER
	RET

// func tanhAVX2(n int, dst, src, bias *float32, c *activationConsts)
TEXT ·tanhAVX2(SB), NOSPLIT, $0-40
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
	MOVQ bias+24(FP), DX
	MOVQ c+32(FP), AX

tanhLoop:
	CMPQ CX, $8
	JLT tanhDone
	VMOVUPS (SI), Y0
	TESTQ DX, DX
	JZ tanhNoBias
	VADDPS (DX), Y0, Y0
	ADDQ $32, DX

tanhNoBias:
	VMULPS 384(AX), Y0, Y1 // x = 2v
	EXP
	VADDPS 256(AX), Y6, Y6 // e + 1
	VMOVUPS 384(AX), Y7
	VDIVPS Y6, Y7, Y7      // 2/(e+1)
	VMOVUPS 256(AX), Y8
	VSUBPS Y7, Y8, Y8
	VMOVUPS Y8, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	SUBQ $8, CX
	JMP tanhLoop

tanhDone:
	VZEROUPPER
	RET

// The rectifiers and the derivatives below use the bit tricks of relu,
// positiveMask and pointwise.derivative, lane by lane, for the same bits.

// func reluAVX2(n int, dst, src, bias *float32)
// dst = relu(src + bias); bias may be nil.
TEXT ·reluAVX2(SB), NOSPLIT, $0-32
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
	MOVQ bias+24(FP), DX

reluLoop:
	CMPQ CX, $8
	JLT reluDone
	VMOVUPS (SI), Y0
	TESTQ DX, DX
	JZ reluNoBias
	VADDPS (DX), Y0, Y0
	ADDQ $32, DX

reluNoBias:
	VPSRAD $31, Y0, Y1 // sign spread
	VPANDN Y0, Y1, Y0  // v &^ sign
	VMOVUPS Y0, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	SUBQ $8, CX
	JMP reluLoop

reluDone:
	VZEROUPPER
	RET

// func leakyAVX2(n int, dst, src, bias *float32, slope float32)
// dst = relu(v) + slope·(v − relu(v)) for v = src + bias; bias may be nil.
TEXT ·leakyAVX2(SB), NOSPLIT, $0-36
	MOVQ n+0(FP), CX
	MOVQ dst+8(FP), DI
	MOVQ src+16(FP), SI
	MOVQ bias+24(FP), DX
	VBROADCASTSS slope+32(FP), Y3

leakyLoop:
	CMPQ CX, $8
	JLT leakyDone
	VMOVUPS (SI), Y0
	TESTQ DX, DX
	JZ leakyNoBias
	VADDPS (DX), Y0, Y0
	ADDQ $32, DX

leakyNoBias:
	VPSRAD $31, Y0, Y1
	VPANDN Y0, Y1, Y1 // r = relu(v)
	VSUBPS Y1, Y0, Y2 // v − r
	VMULPS Y2, Y3, Y2 // slope·(v − r)
	VADDPS Y2, Y1, Y1
	VMOVUPS Y1, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	SUBQ $8, CX
	JMP leakyLoop

leakyDone:
	VZEROUPPER
	RET

// func reluGradAVX2(n int, dz, y, dy *float32)
// dz = dy where y > 0, else 0 (y is a ReLU output, never negative).
TEXT ·reluGradAVX2(SB), NOSPLIT, $0-32
	MOVQ n+0(FP), CX
	MOVQ dz+8(FP), DI
	MOVQ y+16(FP), SI
	MOVQ dy+24(FP), DX
	VPXOR Y4, Y4, Y4

reluGradLoop:
	CMPQ CX, $8
	JLT reluGradDone
	VMOVUPS (SI), Y0
	VPSUBD Y0, Y4, Y1 // −bits
	VPOR Y0, Y1, Y1   // −bits | bits
	VPSRAD $31, Y1, Y1
	VPAND (DX), Y1, Y1
	VMOVUPS Y1, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, DX
	SUBQ $8, CX
	JMP reluGradLoop

reluGradDone:
	VZEROUPPER
	RET

// func sigmoidGradAVX2(n int, dz, y, dy *float32)
// dz = dy·y·(1 − y).
TEXT ·sigmoidGradAVX2(SB), NOSPLIT, $0-32
	MOVQ n+0(FP), CX
	MOVQ dz+8(FP), DI
	MOVQ y+16(FP), SI
	MOVQ dy+24(FP), DX
	MOVQ $0x3f800000, AX
	MOVQ AX, X4
	VBROADCASTSS X4, Y4 // 1

sigmoidGradLoop:
	CMPQ CX, $8
	JLT sigmoidGradDone
	VMOVUPS (SI), Y0
	VMULPS (DX), Y0, Y1 // dy·y
	VSUBPS Y0, Y4, Y2   // 1 − y
	VMULPS Y2, Y1, Y1
	VMOVUPS Y1, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, DX
	SUBQ $8, CX
	JMP sigmoidGradLoop

sigmoidGradDone:
	VZEROUPPER
	RET

// func tanhGradAVX2(n int, dz, y, dy *float32)
// dz = dy·(1 − y·y).
TEXT ·tanhGradAVX2(SB), NOSPLIT, $0-32
	MOVQ n+0(FP), CX
	MOVQ dz+8(FP), DI
	MOVQ y+16(FP), SI
	MOVQ dy+24(FP), DX
	MOVQ $0x3f800000, AX
	MOVQ AX, X4
	VBROADCASTSS X4, Y4 // 1

tanhGradLoop:
	CMPQ CX, $8
	JLT tanhGradDone
	VMOVUPS (SI), Y0
	VMULPS Y0, Y0, Y1 // y·y
	VSUBPS Y1, Y4, Y1 // 1 − y·y
	VMULPS (DX), Y1, Y1
	VMOVUPS Y1, (DI)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, DX
	SUBQ $8, CX
	JMP tanhGradLoop

tanhGradDone:
	VZEROUPPER
	RET
