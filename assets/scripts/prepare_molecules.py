#!/usr/bin/python3
"""Regenerate replab's chemistry (QSAR-style) data from Debian's rdkit-data.

Run once with Debian's interpreter and python3-rdkit, from the repository root:

    /usr/bin/python3 assets/scripts/prepare_molecules.py

Writes two gzipped CSV files under assets/data/:

nci_morgan.csv.gz   the first NCI_COUNT molecules of Data/NCI/first_5K.smi that
                    RDKit parses and that have at least MIN_HEAVY_ATOMS heavy
                    atoms; columns: NCI id, SMILES, TPSA from the Daylight table
                    shipped beside the SMILES (first_5k.tpsa.csv), seven RDKit
                    descriptors, and the set bits of a Morgan fingerprint.
wehi_pains.csv.gz   WEHI molecules (Data/Pains/test_data/wehi_mols.csv): every
                    molecule that matches one of RDKit's PAINS substructure
                    filters, plus non-matching molecules drawn with a fixed seed
                    until WEHI_COUNT rows; columns: WEHI id, SMILES, pains (1 when
                    a PAINS filter matches, else 0), fingerprint bits.

The fingerprint column holds the indices of the set bits of a Morgan
fingerprint (radius MORGAN_RADIUS, MORGAN_BITS bits), separated by spaces.
The output is deterministic: the same rdkit-data and RDKit give the same bytes.
"""
import csv
import gzip
import io
import random

from rdkit import Chem, RDLogger
from rdkit.Chem import Descriptors, FilterCatalog, rdFingerprintGenerator

RDKIT_DATA = "/usr/share/RDKit/Data"
NCI_SMILES = RDKIT_DATA + "/NCI/first_5K.smi"
NCI_TPSA = RDKIT_DATA + "/NCI/first_5k.tpsa.csv"
WEHI_SMILES = RDKIT_DATA + "/Pains/test_data/wehi_mols.csv"
NCI_COUNT = 2000
WEHI_COUNT = 2000
WEHI_SEED = 15
MIN_HEAVY_ATOMS = 3
MORGAN_RADIUS = 2
MORGAN_BITS = 1024

# Column name -> RDKit descriptor function. Integer descriptors are written as integers.
DESCRIPTORS = [
    ("mol_logp", Descriptors.MolLogP),
    ("mol_wt", Descriptors.MolWt),
    ("h_donors", Descriptors.NumHDonors),
    ("h_acceptors", Descriptors.NumHAcceptors),
    ("rotatable_bonds", Descriptors.NumRotatableBonds),
    ("ring_count", Descriptors.RingCount),
    ("fraction_csp3", Descriptors.FractionCSP3),
]

FINGERPRINTER = rdFingerprintGenerator.GetMorganGenerator(
    radius=MORGAN_RADIUS, fpSize=MORGAN_BITS)


def fingerprint_bits(mol):
    return " ".join(str(b) for b in FINGERPRINTER.GetFingerprint(mol).GetOnBits())


def number(value):
    if isinstance(value, int):
        return str(value)
    return "%.4f" % value


def nci_rows():
    with open(NCI_TPSA) as f:
        tpsa_lines = [line.strip() for line in f if not line.startswith("#") and line.strip()]
    with open(NCI_SMILES) as f:
        smiles_lines = [line.split() for line in f if line.strip()]
    assert len(tpsa_lines) == len(smiles_lines)
    rows = []
    for (smiles, nci_id), tpsa_line in zip(smiles_lines, tpsa_lines):
        table_smiles, tpsa = tpsa_line.rsplit(",", 1)
        assert table_smiles == smiles
        mol = Chem.MolFromSmiles(smiles)
        if mol is None or mol.GetNumHeavyAtoms() < MIN_HEAVY_ATOMS:
            continue
        values = [number(fn(mol)) for _, fn in DESCRIPTORS]
        rows.append([nci_id, smiles, tpsa] + values + [fingerprint_bits(mol)])
        if len(rows) == NCI_COUNT:
            break
    return ["nci_id", "smiles", "tpsa"] + [n for n, _ in DESCRIPTORS] + ["morgan_bits"], rows


def wehi_rows():
    params = FilterCatalog.FilterCatalogParams()
    params.AddCatalog(FilterCatalog.FilterCatalogParams.FilterCatalogs.PAINS)
    catalog = FilterCatalog.FilterCatalog(params)
    with open(WEHI_SMILES, newline="") as f:
        records = list(csv.reader(f))
    hits, misses = [], []
    for smiles, wehi_id in records:
        mol = Chem.MolFromSmiles(smiles)
        if mol is None or mol.GetNumHeavyAtoms() < MIN_HEAVY_ATOMS:
            continue
        row = [wehi_id, smiles, None, fingerprint_bits(mol)]
        if catalog.HasMatch(mol):
            row[2] = "1"
            hits.append(row)
        else:
            row[2] = "0"
            misses.append(row)
    chosen = hits + random.Random(WEHI_SEED).sample(misses, WEHI_COUNT - len(hits))
    chosen.sort(key=lambda r: r[0])
    return ["wehi_id", "smiles", "pains", "morgan_bits"], chosen


def write_gzip_csv(path, header, rows):
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                                filename="") as f:
        f.write(text.getvalue().encode())


def main():
    RDLogger.DisableLog("rdApp.*")
    write_gzip_csv("assets/data/nci_morgan.csv.gz", *nci_rows())
    write_gzip_csv("assets/data/wehi_pains.csv.gz", *wehi_rows())


if __name__ == "__main__":
    main()
