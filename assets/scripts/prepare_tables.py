#!/usr/bin/python3
"""Regenerate replab's small tabular data sets from Debian's python3-sklearn.

Run with Debian's interpreter from the repository root:

    /usr/bin/python3 assets/scripts/prepare_tables.py

It copies digits.csv.gz byte for byte, and rewrites iris, wine, breast cancer
and diabetes as plain CSV files with a header row (feature names, then the
target column). Cell values are copied as the text found in the source files,
never re-formatted, so no precision is lost or invented.
"""
import csv
import gzip
import os
import shutil

import sklearn.datasets as skd

SOURCE = os.path.join(os.path.dirname(skd.__file__), "data")
OUT = os.path.join("assets", "data")


def copy_digits():
    shutil.copyfile(os.path.join(SOURCE, "digits.csv.gz"), os.path.join(OUT, "digits.csv.gz"))


def rewrite_classification(source_name, out_name, feature_names, target_name):
    """Source layout: first row 'rows,cols,class names...', then values and a class index."""
    with open(os.path.join(SOURCE, source_name), newline="") as f:
        rows = list(csv.reader(f))
    n_rows, n_cols = int(rows[0][0]), int(rows[0][1])
    class_names = rows[0][2:]
    assert len(feature_names) == n_cols and len(rows) - 1 == n_rows
    with open(os.path.join(OUT, out_name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(feature_names) + [target_name])
        for row in rows[1:]:
            assert len(row) == n_cols + 1
            w.writerow([c.strip() for c in row[:n_cols]] + [class_names[int(row[n_cols])]])


def rewrite_diabetes():
    """Raw (unscaled) diabetes features, space separated, and the target in its own file."""
    with gzip.open(os.path.join(SOURCE, "diabetes_data_raw.csv.gz"), "rt") as f:
        features = [line.split() for line in f if line.strip()]
    with gzip.open(os.path.join(SOURCE, "diabetes_target.csv.gz"), "rt") as f:
        targets = [float(line) for line in f if line.strip()]
    assert len(features) == len(targets) == 442
    header = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "progression"]
    with open(os.path.join(OUT, "diabetes.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row, target in zip(features, targets):
            assert len(row) == 10 and target == int(target)
            w.writerow(row + [str(int(target))])


def snake(name):
    return name.strip().lower().replace(" ", "_").replace("(", "").replace(")", "")


def main():
    os.makedirs(OUT, exist_ok=True)
    copy_digits()
    iris = [snake(n) for n in skd.load_iris().feature_names]
    rewrite_classification("iris.csv", "iris.csv", iris, "species")
    wine = [snake(n) for n in skd.load_wine().feature_names]
    rewrite_classification("wine_data.csv", "wine.csv", wine, "cultivar")
    cancer = [snake(n) for n in skd.load_breast_cancer().feature_names]
    rewrite_classification("breast_cancer.csv", "breast_cancer.csv", cancer, "diagnosis")
    rewrite_diabetes()


if __name__ == "__main__":
    main()
