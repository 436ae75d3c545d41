#!/usr/bin/env python3
"""Pairwise precision / recall / F1 of a links file against ground truth.

usage: evaluate.py LINKS TRUTH_KIND TRUTH...
  LINKS: CSV with header id_a,id_b[,score] (Haven) or Duke's --linkfile output (+,id1,id2,conf lines)
  TRUTH_KIND:
    pairs FILE            CSV with two id columns of true pairs (header row)
    cluster FILE IDCOL CLUSTERCOL   dedup truth from a cluster column
Prints: precision recall f1 predicted true tp
"""
import csv, sys, itertools, collections

def read_links(path):
    out = set()
    with open(path, encoding='utf-8') as f:
        first = f.readline()
        f.seek(0)
        if first.startswith('id_a'):
            r = csv.reader(f); next(r)
            for row in r:
                if len(row) >= 2:
                    out.add(frozenset((row[0].strip(), row[1].strip())))
        else:
            for line in f:
                parts = [p.strip() for p in line.strip().split(',')]
                if len(parts) >= 3 and parts[0] == '+':
                    out.add(frozenset((parts[1], parts[2])))
                elif len(parts) >= 3 and parts[0] == '-':
                    out.discard(frozenset((parts[1], parts[2])))
    return {p for p in out if len(p) == 2}

def truth(kind, args):
    t = set()
    if kind == 'pairs':
        with open(args[0], encoding='utf-8') as f:
            r = csv.reader(f); next(r)
            for row in r:
                t.add(frozenset((row[0].strip(), row[1].strip())))
    elif kind == 'cluster':
        path, idc, cc = args
        groups = collections.defaultdict(list)
        with open(path, encoding='utf-8') as f:
            r = csv.DictReader(f, skipinitialspace=True)
            for row in r:
                groups[row[cc].strip()].append(row[idc].strip())
        for ids in groups.values():
            for a, b in itertools.combinations(ids, 2):
                t.add(frozenset((a, b)))
    return t

links = read_links(sys.argv[1])
t = truth(sys.argv[2], sys.argv[3:])
tp = len(links & t)
p = tp / len(links) if links else 0.0
r = tp / len(t) if t else 0.0
f1 = 2 * p * r / (p + r) if p + r else 0.0
print(f"{p:.4f} {r:.4f} {f1:.4f} {len(links)} {len(t)} {tp}")
