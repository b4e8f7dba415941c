// The kecamatan coverage map of the dashboard (issue 5): filled in by the map work.
