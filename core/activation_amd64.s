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
