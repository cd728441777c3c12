//go:build amd64 && !purego

#include "textflag.h"

// Packing for the AVX-512 and AVX2 GEMM kernels: each gathers a panel lying across
// the rows of a row-major matrix, one depth step at a time, with an index
// vector idx[i] = i·stride prepared by the caller. Masked-off lanes are not
// read and come out zero, which pads edge panels.

// func packRowsAVX512(dst, src *float32, rowMask uint32, kc int, idx *int32)
// For p < kc: dst[p*8+i] = src[idx[i]+p] for the rows enabled in rowMask.
TEXT ·packRowsAVX512(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVL rowMask+16(FP), R8
	MOVQ kc+24(FP), CX
	MOVQ idx+32(FP), AX
	VMOVDQU32 (AX), Y7

rowsLoop:
	KMOVW R8, K1
	VPXORD Y0, Y0, Y0
	VGATHERDPS (SI)(Y7*4), K1, Y0
	VMOVUPS Y0, (DI)
	ADDQ $4, SI
	ADDQ $32, DI
	DECQ CX
	JNE rowsLoop
	VZEROUPPER
	RET

// func packColsAVX512(dst, src *float32, colMask uint32, stride, kc int, idx *int32)
// For p < kc: dst[p*stride+j] = src[idx[j]+p] for the columns enabled in
// colMask (low 16 bits: j < 16, high: j ≥ 16); stride is 16 or 32.
TEXT ·packColsAVX512(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVL colMask+16(FP), R8
	MOVL R8, R9
	SHRL $16, R9
	MOVQ stride+24(FP), DX
	MOVQ kc+32(FP), CX
	MOVQ idx+40(FP), AX
	VMOVDQU32 (AX), Z6
	VMOVDQU32 64(AX), Z7
	CMPQ DX, $16
	JEQ narrowLoop

wideLoop:
	KMOVW R8, K1
	KMOVW R9, K2
	VPXORD Z0, Z0, Z0
	VPXORD Z1, Z1, Z1
	VGATHERDPS (SI)(Z6*4), K1, Z0
	VGATHERDPS (SI)(Z7*4), K2, Z1
	VMOVUPS Z0, (DI)
	VMOVUPS Z1, 64(DI)
	ADDQ $4, SI
	ADDQ $128, DI
	DECQ CX
	JNE wideLoop
	VZEROUPPER
	RET

narrowLoop:
	KMOVW R8, K1
	VPXORD Z0, Z0, Z0
	VGATHERDPS (SI)(Z6*4), K1, Z0
	VMOVUPS Z0, (DI)
	ADDQ $4, SI
	ADDQ $64, DI
	DECQ CX
	JNE narrowLoop
	VZEROUPPER
	RET

// func packColsAVX2(dst, src *float32, kc int, idx, lanes *int32)
// For p < kc: dst[p*16+j] = src[idx[j]+p] where lanes[j] is -1, else 0.
TEXT ·packColsAVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ kc+16(FP), CX
	MOVQ idx+24(FP), AX
	MOVQ lanes+32(FP), BX
	VMOVDQU (AX), Y6
	VMOVDQU 32(AX), Y7

colsLoop:
	VMOVDQU (BX), Y2
	VMOVDQU 32(BX), Y3
	VXORPS Y0, Y0, Y0
	VXORPS Y1, Y1, Y1
	VGATHERDPS Y2, (SI)(Y6*4), Y0
	VGATHERDPS Y3, (SI)(Y7*4), Y1
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	ADDQ $4, SI
	ADDQ $64, DI
	DECQ CX
	JNE colsLoop
	VZEROUPPER
	RET
