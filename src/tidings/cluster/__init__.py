"""Clustering: mentions that report the same real event become one event.

The stage runs on a batch of coded articles just before they are stored (store/ calls
it inside the batch's transaction): `near_duplicates` finds articles that copy an
earlier one (syndicated copies, re-sent wire stories), `assign` puts each mention into
an existing event of the store or a new one. Settings and code families are data
(data/cluster/); docs/clusters.md describes the rules.
"""
from .assign import Cluster, Mention, assign_clusters, mention_of
from .settings import ClusterSettings, load_cluster_settings

__all__ = ["Cluster", "ClusterSettings", "Mention", "assign_clusters", "load_cluster_settings",
           "mention_of"]
