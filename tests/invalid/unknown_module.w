bring clod;
